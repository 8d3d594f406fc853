package org.annexp2p.http.wire;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.function.Function;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.wire.AssociatedFile;
import org.annexp2p.protocol.wire.Len;
import org.annexp2p.protocol.wire.MonotonicTimestamp;
import org.annexp2p.protocol.wire.Offset;
import org.annexp2p.protocol.wire.ProtocolVersion;
import org.annexp2p.protocol.wire.Uuid;

/**
 * Turns a request line into an {@link AnnexRequest}, or the refusal p2phttp gives: 404 for a path it does not
 * serve (an unsupported version among them, so that clients fall back to a lower one), 400 for a bad value.
 */
public final class RequestParser {
    private RequestParser() {}

    public static final String DATA_LENGTH_HEADER = "X-git-annex-data-length";

    public static Either<Refusal, AnnexRequest> parse(String method, String uri, Option<String> dataLength) {
        int q = uri.indexOf('?');
        String rawPath = q < 0 ? uri : uri.substring(0, q);
        Either<String, Query> query = Query.parse(q < 0 ? "" : uri.substring(q + 1));
        if (query.isLeft()) {
            return Either.left(Refusal.badRequest(query.getLeft()));
        }
        String[] raw = rawPath.split("/", -1);
        List<String> segments = List.empty();
        for (String s : raw) {
            Either<String, String> d = UrlText.decode(s, false);
            if (d.isLeft()) {
                return Either.left(Refusal.badRequest(d.getLeft()));
            }
            segments = segments.append(d.get());
        }
        // "", "git-annex", uuid, then either "key", KEY or vN, route...
        if (segments.size() < 5 || !segments.get(0).isEmpty() || !segments.get(1).equals("git-annex")) {
            return Either.left(Refusal.notFound());
        }
        Either<String, Uuid> server = uuid(segments.get(2));
        if (server.isLeft()) {
            return Either.left(Refusal.badRequest(server.getLeft()));
        }
        if (segments.size() == 5 && segments.get(3).equals("key")) {
            return method.equals("GET") ? plainGet(server.get(), segments.get(4), query.get()) : Either.left(Refusal.notFound());
        }
        Option<ProtocolVersion> version = ApiVersion.parse(segments.get(3));
        if (version.isEmpty()) {
            return Either.left(Refusal.notFound());
        }
        boolean keyRoute = segments.size() == 6 && segments.get(4).equals("key");
        if (!(keyRoute && method.equals("GET")) && !(segments.size() == 5 && method.equals("POST"))) {
            return Either.left(Refusal.notFound());
        }
        Option<Either<String, Operation>> op = keyRoute
                ? Option.some(versionedGet(segments.get(5), query.get()))
                : operation(segments.get(4), version.get(), query.get(), dataLength);
        if (op.isEmpty()) {
            return Either.left(Refusal.notFound());
        }
        boolean clientOptional = op.get().exists(o -> o instanceof Operation.KeepLocked);
        return op.get().flatMap(o -> common(server.get(), version.get(), query.get(), !clientOptional, o))
                .mapLeft(Refusal::badRequest);
    }

    private static Either<Refusal, AnnexRequest> plainGet(Uuid server, String keyPiece, Query query) {
        return key(keyPiece).<Operation>map(k -> new Operation.Get(k, AssociatedFile.NONE, Offset.ZERO, true))
                .flatMap(o -> common(server, ProtocolVersion.V0, query, false, o)).mapLeft(Refusal::badRequest);
    }

    private static Either<String, Operation> versionedGet(String keyPiece, Query query) {
        return key(keyPiece).flatMap(k -> file(query).flatMap(f -> offset(query)
                .map(o -> new Operation.Get(k, f, o, false))));
    }

    /** The POST routes; none for a route this version does not have. */
    private static Option<Either<String, Operation>> operation(String route, ProtocolVersion v, Query query,
            Option<String> dataLength) {
        Function<Function<Key, Operation>, Either<String, Operation>> withKey =
                f -> query.required("key").flatMap(RequestParser::key).map(f);
        return switch (route) {
            case "checkpresent" -> Option.some(withKey.apply(Operation.CheckPresent::new));
            case "lockcontent" -> Option.some(withKey.apply(Operation.LockContent::new));
            case "remove" -> Option.some(withKey.apply(k -> new Operation.Remove(k, Option.none())));
            case "keeplocked" -> Option.some(query.required("lockid").flatMap(BracketedBase64::decode)
                    .map(Operation.KeepLocked::new));
            case "remove-before" -> v.atLeast(ProtocolVersion.V3) ? Option.some(query.required("timestamp")
                    .flatMap(t -> MonotonicTimestamp.parse(t).toEither("bad timestamp"))
                    .flatMap(t -> query.required("key").flatMap(RequestParser::key).map(k -> new Operation.Remove(k, Option.some(t)))))
                    : Option.none();
            case "gettimestamp" -> v.atLeast(ProtocolVersion.V3) ? Option.some(Either.right(new Operation.GetTimestamp())) : Option.none();
            case "putoffset" -> v.atLeast(ProtocolVersion.V1) ? Option.some(withKey.apply(Operation.PutOffset::new)) : Option.none();
            case "put" -> Option.some(put(v, query, dataLength));
            default -> Option.none();
        };
    }

    private static Either<String, Operation> put(ProtocolVersion v, Query query, Option<String> dataLength) {
        Either<String, Boolean> dataPresent = v.hasDataPresent()
                ? query.single("data-present").flatMap(p -> p.isEmpty() || p.get().equals("false") ? Either.right(false)
                        : p.get().equals("true") ? Either.right(true) : Either.left("bad data-present"))
                : Either.right(false);
        return dataPresent.flatMap(present -> {
            Either<String, Len> len = present ? Either.right(Len.ZERO) : dataLength
                    .toEither("missing header " + DATA_LENGTH_HEADER)
                    .flatMap(l -> Len.parse(l).toEither("bad " + DATA_LENGTH_HEADER));
            return len.flatMap(l -> query.required("key").flatMap(RequestParser::key).flatMap(k -> file(query)
                    .flatMap(f -> offset(query).map(o -> new Operation.Put(k, f, o, l, present)))));
        });
    }

    private static Either<String, AnnexRequest> common(Uuid server, ProtocolVersion v, Query query, boolean clientRequired,
            Operation op) {
        Either<String, Option<Uuid>> client = query.single("clientuuid").flatMap(c -> c.isEmpty()
                ? (clientRequired ? Either.left("missing parameter clientuuid") : Either.right(Option.<Uuid>none()))
                : uuid(c.get()).map(Option::some));
        List<Uuid> bypass = List.empty();
        for (String b : query.all("bypass")) {
            Either<String, Uuid> u = uuid(b);
            if (u.isLeft()) {
                return Either.left(u.getLeft());
            }
            bypass = bypass.append(u.get());
        }
        List<Uuid> nodes = bypass;
        return client.map(c -> new AnnexRequest(server, v, c, nodes, op));
    }

    private static Either<String, Key> key(String piece) {
        return BracketedBase64.decode(piece).flatMap(Key::parse).mapLeft(e -> "key parse error");
    }

    private static Either<String, Uuid> uuid(String piece) {
        return BracketedBase64.decode(piece).flatMap(u -> u.isEmpty() || u.indexOf('\n') >= 0 || !new Uuid(u).isWord()
                ? Either.<String, Uuid>left("bad UUID") : Either.right(new Uuid(u)));
    }

    private static Either<String, AssociatedFile> file(Query query) {
        return query.single("associatedfile").flatMap(f -> f.isEmpty() ? Either.right(AssociatedFile.NONE)
                : BracketedBase64.decode(f.get()).flatMap(w -> w.isEmpty() || w.indexOf('\n') >= 0 ? Either.left("bad associatedfile")
                        : AssociatedFile.parse(AssociatedFile.of(w).format()).toEither("bad associatedfile")));
    }

    private static Either<String, Offset> offset(Query query) {
        return query.single("offset").flatMap(o -> o.isEmpty() ? Either.right(Offset.ZERO)
                : Offset.parse(o.get()).toEither("bad offset"));
    }
}
