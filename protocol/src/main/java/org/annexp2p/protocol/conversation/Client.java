package org.annexp2p.protocol.conversation;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.message.Message;
import org.annexp2p.protocol.message.Message.*;
import org.annexp2p.protocol.program.Destination;
import org.annexp2p.protocol.program.Local;
import org.annexp2p.protocol.program.Meter;
import org.annexp2p.protocol.program.Net;
import org.annexp2p.protocol.program.Program;
import org.annexp2p.protocol.program.Received;
import org.annexp2p.protocol.program.Unit;
import org.annexp2p.protocol.wire.AssociatedFile;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.protocol.wire.ChangedRefs;
import org.annexp2p.protocol.wire.ExitCode;
import org.annexp2p.protocol.wire.MonotonicTimestamp;
import org.annexp2p.protocol.wire.Offset;
import org.annexp2p.protocol.wire.ProtocolVersion;
import org.annexp2p.protocol.wire.Service;
import org.annexp2p.protocol.wire.Uuid;

/**
 * The client side of the protocol. Each operation returns Right(result) when the server answered as the
 * protocol says, and Left(reason) otherwise — the server's own ERROR text when it sent one (e.g. "this
 * repository is read-only; write access denied"). Like git-annex, on an unexpected answer we tell the server
 * with an ERROR of git-annex's wording, which ends its side of the conversation.
 */
public final class Client {
    private Client() {}

    /** Authenticates (the client speaks first: Tor, TCP); Right(server UUID). */
    public static Program<Either<String, Uuid>> auth(Uuid myUuid, AuthToken token) {
        return Net.send(new Auth(myUuid, token)).then(Client::awaitAuthSuccess);
    }

    /** Reads the server's AUTH-SUCCESS (p2pstdio servers send it unprompted). */
    public static Program<Either<String, Uuid>> awaitAuthSuccess() {
        return Net.receive().flatMap(r -> {
            Option<Message> m = Transfers.parsed(r);
            if (m.exists(x -> x instanceof AuthSuccess)) {
                return Program.pure(Either.right(((AuthSuccess) m.get()).uuid()));
            }
            if (m.exists(x -> x instanceof AuthFailure)) {
                return Program.pure(Either.left("authentication failed: the peer refused our token"));
            }
            return fail("auth failed", Transfers.unexpected("AUTH-SUCCESS", r));
        });
    }

    /**
     * Offers our highest version and adopts the server's answer. A server too old to know VERSION answers
     * ERROR, and we stay at version 0.
     */
    public static Program<ProtocolVersion> negotiateVersion(ProtocolVersion max) {
        return Net.send(new Version(max)).then(Net::receive).flatMap(r -> {
            Option<Message> m = Transfers.parsed(r);
            if (m.exists(x -> x instanceof Version)) {
                ProtocolVersion v = ((Version) m.get()).version().min(max);
                return Net.setProtocolVersion(v).map(u -> v);
            }
            if (m.exists(x -> x instanceof Message.Error)) {
                return Program.pure(ProtocolVersion.V0);
            }
            return Net.send(new Message.Error("expected VERSION")).map(u -> ProtocolVersion.V0);
        });
    }

    /** Tells a v2+ server which cluster nodes not to forward to (nothing is sent if empty or older). */
    public static Program<Unit> bypass(List<Uuid> uuids) {
        return Net.protocolVersion().flatMap(v -> v.hasPlusReplies() && !uuids.isEmpty()
                ? Net.send(new Bypass(uuids)) : Program.done());
    }

    public static Program<Either<String, Boolean>> checkPresent(Key key) {
        return Net.send(new CheckPresent(key)).then(Client::checkSuccess);
    }

    /** Locks content on the server; while locked the next message must be {@link #unlock()}. */
    public static Program<Either<String, Boolean>> lock(Key key) {
        return Net.send(new LockContent(key)).then(Client::checkSuccess);
    }

    public static Program<Unit> unlock() {
        return Net.send(new UnlockContent());
    }

    public static Program<Either<String, Boolean>> remove(Key key) {
        return Net.send(new Remove(key)).then(Client::checkSuccessPlus);
    }

    /**
     * Removes only if the server can still do it before our lock proof expires at {@code deadline} (POSIX
     * seconds): asks the server's monotonic clock and translates the deadline into it. Needs v3.
     */
    public static Program<Either<String, Boolean>> removeBefore(Key key, long deadline) {
        return timestamp().flatMap(ts -> ts.fold(e -> Program.pure(Either.left(e)),
                remote -> Local.localTime().flatMap(now -> {
                    long remaining = deadline - now;
                    if (remaining <= 0) {
                        return Program.pure(Either.<String, Boolean>left("the lock proof expired before removal"));
                    }
                    MonotonicTimestamp before = MonotonicTimestamp.of(remote.value() + remaining);
                    return Net.send(new RemoveBefore(before, key)).then(Client::checkSuccessPlus);
                })));
    }

    public static Program<Either<String, MonotonicTimestamp>> timestamp() {
        return Net.send(new GetTimestamp()).then(Net::receive).flatMap(r -> {
            Option<Message> m = Transfers.parsed(r);
            if (m.exists(x -> x instanceof Timestamp)) {
                return Program.pure(Either.right(((Timestamp) m.get()).timestamp()));
            }
            return fail("expected TIMESTAMP", Transfers.unexpected("TIMESTAMP", r));
        });
    }

    /**
     * Downloads {@code dest.key()} into {@code dest}, resuming from what it already holds. Right(true) when
     * the content arrived and verified.
     */
    public static Program<Either<String, Boolean>> get(Destination dest, AssociatedFile file, Meter meter) {
        return Local.destinationSize(dest).flatMap(have -> {
            Offset offset = Offset.of(have.value());
            return Net.send(new Get(offset, file, dest.key()))
                    .then(() -> Transfers.receiveContent(dest, file, offset, false, meter))
                    .flatMap(r -> r.isLeft() ? Program.pure(r)
                            : Server.sendSuccess(r.get()).map(u -> r));
        });
    }

    /**
     * Uploads {@code key}; the server asks for the bytes from its partial copy on (PUT-FROM), or already has
     * it. Right(true) when the server has the content afterwards.
     */
    public static Program<Either<String, Boolean>> put(Key key, AssociatedFile file, Meter meter) {
        return Net.send(new Put(file, key)).then(Net::receive).flatMap(r -> {
            Option<Message> m = Transfers.parsed(r);
            if (m.exists(x -> x instanceof AlreadyHave || x instanceof AlreadyHavePlus)) {
                return Program.pure(Either.right(true));
            }
            if (m.exists(x -> x instanceof PutFrom)) {
                Offset offset = ((PutFrom) m.get()).offset();
                return Transfers.sendContent(key, file, offset, meter).then(Client::checkSuccessPlus);
            }
            return fail("expected PUT_FROM or ALREADY_HAVE", Transfers.unexpected("PUT-FROM", r));
        });
    }

    /** v4: tells the server the content of {@code key} got there another way, instead of sending it. */
    public static Program<Either<String, Boolean>> putDataPresent(Key key, AssociatedFile file) {
        return Net.send(new Put(file, key)).then(Net::receive).flatMap(r -> {
            Option<Message> m = Transfers.parsed(r);
            if (m.exists(x -> x instanceof AlreadyHave || x instanceof AlreadyHavePlus)) {
                return Program.pure(Either.right(true));
            }
            if (m.exists(x -> x instanceof PutFrom)) {
                return Net.send(new DataPresent()).then(Client::checkSuccessPlus);
            }
            return fail("expected PUT_FROM or ALREADY_HAVE", Transfers.unexpected("PUT-FROM", r));
        });
    }

    /** Tunnels a git service; the exit code is the one the server's git exited with. */
    public static Program<ExitCode> connect(Service service) {
        return Net.send(new Connect(service)).then(Net::relay);
    }

    public static Program<Either<String, ChangedRefs>> notifyChange() {
        return Net.send(new NotifyChange()).then(Net::receive).flatMap(r -> {
            Option<Message> m = Transfers.parsed(r);
            if (m.exists(x -> x instanceof Changed)) {
                return Program.pure(Either.right(((Changed) m.get()).refs()));
            }
            return fail("expected CHANGED", Transfers.unexpected("CHANGED", r));
        });
    }

    /** Ends the conversation politely: servers stop serving a client that sends ERROR. */
    public static Program<Unit> giveUp(String why) {
        return Net.send(new Message.Error(why));
    }

    private static Program<Either<String, Boolean>> checkSuccess() {
        return Net.receive().flatMap(r -> {
            Option<Message> m = Transfers.parsed(r);
            if (m.exists(x -> x instanceof Success)) {
                return Program.pure(Either.right(true));
            }
            if (m.exists(x -> x instanceof Failure)) {
                return Program.pure(Either.right(false));
            }
            return fail("expected SUCCESS or FAILURE", Transfers.unexpected("SUCCESS or FAILURE", r));
        });
    }

    /** From v2 on, servers may answer with the *-PLUS variants, naming other repositories involved. */
    private static Program<Either<String, Boolean>> checkSuccessPlus() {
        return Net.protocolVersion().flatMap(v -> !v.hasPlusReplies() ? checkSuccess() : Net.receive().flatMap(r -> {
            Option<Message> m = Transfers.parsed(r);
            if (m.exists(x -> x instanceof Success || x instanceof SuccessPlus)) {
                return Program.pure(Either.right(true));
            }
            if (m.exists(x -> x instanceof Failure || x instanceof FailurePlus)) {
                return Program.pure(Either.right(false));
            }
            return fail("expected SUCCESS or SUCCESS-PLUS or FAILURE or FAILURE-PLUS",
                    Transfers.unexpected("SUCCESS or FAILURE", r));
        }));
    }

    private static <T> Program<Either<String, T>> fail(String errorToPeer, String reason) {
        return Net.send(new Message.Error(errorToPeer)).map(u -> Either.left(reason));
    }
}
