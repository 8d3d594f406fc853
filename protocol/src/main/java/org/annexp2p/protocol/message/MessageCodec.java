package org.annexp2p.protocol.message;

import io.vavr.Tuple2;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.function.Function;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.message.Message.*;
import org.annexp2p.protocol.wire.AssociatedFile;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.protocol.wire.ChangedRefs;
import org.annexp2p.protocol.wire.ExitCode;
import org.annexp2p.protocol.wire.Len;
import org.annexp2p.protocol.wire.MonotonicTimestamp;
import org.annexp2p.protocol.wire.Offset;
import org.annexp2p.protocol.wire.ProtocolVersion;
import org.annexp2p.protocol.wire.Service;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.protocol.wire.WireText;
import org.annexp2p.protocol.wire.Words;

/**
 * The byte-exact line codec. A line is the message's words joined by single spaces; the command is split off
 * at the first whitespace character (exactly one separator is consumed); an N-field message splits the rest
 * N-1 times and its last field takes the rest of the line, spaces and all. So {@code PUT  KEY} is a PUT with
 * an empty associated file, and ERROR texts and WORM keys may contain spaces.
 */
public final class MessageCodec {
    private MessageCodec() {}

    /** git-annex gives up on a line after this many bytes without a newline ("protocol error"). */
    public static final int MAX_LINE_BYTES = 32768;

    /** The line for {@code m}, without its terminating newline, as wire text. */
    public static String format(Message m) {
        if (m instanceof Auth x) return "AUTH " + x.uuid().value() + " " + x.token().reveal();
        if (m instanceof AuthSuccess x) return "AUTH-SUCCESS " + x.uuid().value();
        if (m instanceof AuthFailure) return "AUTH-FAILURE";
        if (m instanceof Version x) return "VERSION " + x.version().format();
        if (m instanceof Bypass x) return list("BYPASS", x.uuids());
        if (m instanceof CheckPresent x) return "CHECKPRESENT " + x.key().serialize();
        if (m instanceof LockContent x) return "LOCKCONTENT " + x.key().serialize();
        if (m instanceof UnlockContent) return "UNLOCKCONTENT";
        if (m instanceof Remove x) return "REMOVE " + x.key().serialize();
        if (m instanceof RemoveBefore x) return "REMOVE-BEFORE " + x.timestamp().format() + " " + x.key().serialize();
        if (m instanceof GetTimestamp) return "GETTIMESTAMP";
        if (m instanceof Timestamp x) return "TIMESTAMP " + x.timestamp().format();
        if (m instanceof Get x) return "GET " + x.offset().format() + " " + x.file().format() + " " + x.key().serialize();
        if (m instanceof Put x) return "PUT " + x.file().format() + " " + x.key().serialize();
        if (m instanceof PutFrom x) return "PUT-FROM " + x.offset().format();
        if (m instanceof AlreadyHave) return "ALREADY-HAVE";
        if (m instanceof AlreadyHavePlus x) return list("ALREADY-HAVE-PLUS", x.uuids());
        if (m instanceof Data x) return "DATA " + x.length().format();
        if (m instanceof DataPresent) return "DATA-PRESENT";
        if (m instanceof Valid) return "VALID";
        if (m instanceof Invalid) return "INVALID";
        if (m instanceof Success) return "SUCCESS";
        if (m instanceof SuccessPlus x) return list("SUCCESS-PLUS", x.uuids());
        if (m instanceof Failure) return "FAILURE";
        if (m instanceof FailurePlus x) return list("FAILURE-PLUS", x.uuids());
        if (m instanceof Connect x) return "CONNECT " + x.service().wire();
        if (m instanceof ConnectDone x) return "CONNECTDONE " + x.exitCode().format();
        if (m instanceof NotifyChange) return "NOTIFYCHANGE";
        if (m instanceof Changed x) return "CHANGED " + x.refs().format();
        if (m instanceof Message.Error x) return "ERROR " + x.text();
        throw new AssertionError("unformatted message " + m.getClass());
    }

    /** The bytes to write for {@code m}: its line and a newline. */
    public static byte[] encode(Message m) {
        return WireText.toBytes(format(m) + "\n");
    }

    /** Parses one line given as bytes, without its newline (a trailing CR is dropped, as git-annex does). */
    public static Either<ParseError, Message> decode(byte[] line) {
        return parse(WireText.ofBytes(line));
    }

    /** Parses one line of wire text, without its newline (a trailing CR is dropped, as git-annex does). */
    public static Either<ParseError, Message> parse(String line) {
        String l = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        if (l.indexOf('\n') >= 0) {
            return Either.left(new ParseError.BadArguments("", "embedded newline"));
        }
        Tuple2<String, String> cw = Words.splitWord(l);
        String cmd = cw._1;
        String rest = cw._2;
        if (l.endsWith("\r") && !cmd.equals("ERROR")) {
            // Its last value would end in CR, and no formatting of it could say so: the CR before the newline is the
            // line's, not the value's. git-annex cannot send such a line (no UUID, key, ref or number it sends ends so).
            return Either.left(new ParseError.BadArguments(cmd, "a value ending in a carriage return cannot cross the wire"));
        }
        Parser p = new Parser(cmd, rest);
        switch (cmd) {
            case "AUTH": return p.two(s -> Either.right(new Uuid(s)), s -> AuthToken.parse(s).toEither("token must be letters and digits"),
                    (u, t) -> new Auth(u, t));
            case "AUTH-SUCCESS": return p.one(s -> Either.right(new Uuid(s)), AuthSuccess::new);
            case "AUTH-FAILURE": return p.none(new AuthFailure());
            case "VERSION": return p.one(s -> num(ProtocolVersion.parse(s)), Version::new);
            case "BYPASS": return p.uuids(Bypass::new);
            case "CHECKPRESENT": return p.one(MessageCodec::key, CheckPresent::new);
            case "LOCKCONTENT": return p.one(MessageCodec::key, LockContent::new);
            case "UNLOCKCONTENT": return p.none(new UnlockContent());
            case "REMOVE": return p.one(MessageCodec::key, Remove::new);
            case "REMOVE-BEFORE": return p.two(s -> num(MonotonicTimestamp.parse(s)), MessageCodec::key, RemoveBefore::new);
            case "GETTIMESTAMP": return p.none(new GetTimestamp());
            case "TIMESTAMP": return p.one(s -> num(MonotonicTimestamp.parse(s)), Timestamp::new);
            case "GET": return p.three(s -> num(Offset.parse(s)), MessageCodec::file, MessageCodec::key, Get::new);
            case "PUT": return p.two(MessageCodec::file, MessageCodec::key, Put::new);
            case "PUT-FROM": return p.one(s -> num(Offset.parse(s)), PutFrom::new);
            case "ALREADY-HAVE": return p.none(new AlreadyHave());
            case "ALREADY-HAVE-PLUS": return p.uuids(AlreadyHavePlus::new);
            case "DATA": return p.one(s -> num(Len.parse(s)), Data::new);
            case "DATA-PRESENT": return p.none(new DataPresent());
            case "VALID": return p.none(new Valid());
            case "INVALID": return p.none(new Invalid());
            case "SUCCESS": return p.none(new Success());
            case "SUCCESS-PLUS": return p.uuids(SuccessPlus::new);
            case "FAILURE": return p.none(new Failure());
            case "FAILURE-PLUS": return p.uuids(FailurePlus::new);
            case "CONNECT": return p.one(s -> Service.parse(s).toEither("unknown service"), Connect::new);
            case "CONNECTDONE": return p.one(s -> ExitCode.parse(s).toEither("not an exit code"), ConnectDone::new);
            case "NOTIFYCHANGE": return p.none(new NotifyChange());
            case "CHANGED": return p.one(s -> Either.right(ChangedRefs.parse(s)), Changed::new);
            // Trailing CRs go: text only shown, and a CR at its end could not be formatted back (see above).
            case "ERROR": return p.one(t -> Either.right(t.replaceFirst("\r+$", "")), Message.Error::new);
            default: return Either.left(new ParseError.UnknownCommand(cmd));
        }
    }

    private static String list(String command, List<Uuid> uuids) {
        StringBuilder sb = new StringBuilder(command);
        uuids.forEach(u -> sb.append(' ').append(u.value()));
        return sb.toString();
    }

    private static <T> Either<String, T> num(Option<T> o) {
        return o.toEither("not a non-negative decimal number");
    }

    private static Either<String, Key> key(String s) {
        return Key.parse(s);
    }

    private static Either<String, AssociatedFile> file(String s) {
        return AssociatedFile.parse(s).toEither("associated file is absolute or leaves the repository");
    }

    /** Field splitting for one command; every failure becomes a typed {@link ParseError}. */
    private static final class Parser {
        private final String command;
        private final String rest;

        Parser(String command, String rest) {
            this.command = command;
            this.rest = rest;
        }

        Either<ParseError, Message> none(Message m) {
            return rest.isEmpty() ? Either.right(m) : bad("takes no arguments");
        }

        <A> Either<ParseError, Message> one(Function<String, Either<String, A>> f1, Function<A, Message> mk) {
            return guard(() -> f1.apply(rest).<Message>map(mk).mapLeft(this::error));
        }

        <A, B> Either<ParseError, Message> two(Function<String, Either<String, A>> f1,
                Function<String, Either<String, B>> f2, java.util.function.BiFunction<A, B, Message> mk) {
            Tuple2<String, String> w = Words.splitWord(rest);
            return guard(() -> f1.apply(w._1).flatMap(a -> f2.apply(w._2).map(b -> mk.apply(a, b))).mapLeft(this::error));
        }

        <A, B, C> Either<ParseError, Message> three(Function<String, Either<String, A>> f1,
                Function<String, Either<String, B>> f2, Function<String, Either<String, C>> f3,
                Function3<A, B, C, Message> mk) {
            Tuple2<String, String> w1 = Words.splitWord(rest);
            Tuple2<String, String> w2 = Words.splitWord(w1._2);
            return guard(() -> f1.apply(w1._1).flatMap(a -> f2.apply(w2._1)
                    .flatMap(b -> f3.apply(w2._2).map(c -> mk.apply(a, b, c)))).mapLeft(this::error));
        }

        Either<ParseError, Message> uuids(Function<List<Uuid>, Message> mk) {
            return Either.right(mk.apply(Words.split(rest).map(Uuid::new)));
        }

        /** Value constructors validate too (e.g. a UUID word); their refusal is a parse error, never a crash. */
        private Either<ParseError, Message> guard(java.util.function.Supplier<Either<ParseError, Message>> parse) {
            try {
                return parse.get();
            } catch (IllegalArgumentException e) {
                return bad(e.getMessage());
            }
        }

        private ParseError error(String reason) {
            return new ParseError.BadArguments(command, reason);
        }

        private Either<ParseError, Message> bad(String reason) {
            return Either.left(error(reason));
        }
    }

    @FunctionalInterface
    private interface Function3<A, B, C, R> {
        R apply(A a, B b, C c);
    }
}
