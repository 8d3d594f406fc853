package org.annexp2p.protocol.conversation;

import static org.annexp2p.protocol.conversation.Dialogue.andThen;
import static org.annexp2p.protocol.conversation.Dialogue.expect;
import static org.annexp2p.protocol.conversation.Dialogue.right;
import static org.annexp2p.protocol.conversation.Dialogue.send;
import static org.annexp2p.protocol.conversation.Dialogue.sendSuccess;

import io.vavr.collection.List;
import io.vavr.control.Either;
import org.annexp2p.protocol.conversation.Dialogue.Expected;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.message.Message;
import org.annexp2p.protocol.message.Message.*;
import org.annexp2p.protocol.program.Destination;
import org.annexp2p.protocol.program.Local;
import org.annexp2p.protocol.program.Meter;
import org.annexp2p.protocol.program.Net;
import org.annexp2p.protocol.program.Program;
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

    private static final Expected AUTH_SUCCESS = new Expected("AUTH-SUCCESS", "auth failed");
    private static final Expected PUT_FROM = new Expected("PUT-FROM", "expected PUT_FROM or ALREADY_HAVE");
    private static final Expected SUCCESS = Expected.reply("SUCCESS or FAILURE");
    private static final Expected SUCCESS_PLUS =
            new Expected("SUCCESS or FAILURE", "expected SUCCESS or SUCCESS-PLUS or FAILURE or FAILURE-PLUS");

    /** Authenticates (the client speaks first: Tor, TCP); Right(server UUID). */
    public static Program<Either<String, Uuid>> auth(Uuid myUuid, AuthToken token) {
        return send(new Auth(myUuid, token)).then(Client::awaitAuthSuccess);
    }

    /** Reads the server's AUTH-SUCCESS (p2pstdio servers send it unprompted). */
    public static Program<Either<String, Uuid>> awaitAuthSuccess() {
        return expect(AUTH_SUCCESS, AuthSuccess.class, AuthFailure.class).map(r -> r.flatMap(m -> m instanceof AuthSuccess s
                ? Either.<String, Uuid>right(s.uuid()) : Either.<String, Uuid>left("authentication failed: the peer refused our token")));
    }

    /**
     * Offers our highest version and adopts the server's answer. A server too old to know VERSION answers
     * ERROR, and we stay at version 0.
     */
    public static Program<ProtocolVersion> negotiateVersion(ProtocolVersion max) {
        return send(new Version(max)).then(expect(Expected.reply("VERSION"), Version.class, Message.Error.class)).flatMap(r -> {
            if (r.isRight() && r.get() instanceof Version v) {
                ProtocolVersion agreed = v.version().min(max);
                return new Net.SetProtocolVersion(agreed).map(u -> agreed);
            }
            return Program.pure(ProtocolVersion.V0);
        });
    }

    /** Tells a v2+ server which cluster nodes not to forward to (nothing is sent if empty or older). */
    public static Program<Unit> bypass(List<Uuid> uuids) {
        return new Net.GetProtocolVersion().flatMap(v -> v.hasPlusReplies() && !uuids.isEmpty()
                ? send(new Bypass(uuids)) : Program.done());
    }

    public static Program<Either<String, Boolean>> checkPresent(Key key) {
        return send(new CheckPresent(key)).then(Client::checkSuccess);
    }

    /** Locks content on the server; while locked the next message must be {@link #unlock()}. */
    public static Program<Either<String, Boolean>> lock(Key key) {
        return send(new LockContent(key)).then(Client::checkSuccess);
    }

    public static Program<Unit> unlock() {
        return send(new UnlockContent());
    }

    public static Program<Either<String, Boolean>> remove(Key key) {
        return send(new Remove(key)).then(Client::checkSuccessPlus);
    }

    /**
     * Removes only if the server can still do it before our lock proof expires at {@code deadline} (POSIX
     * seconds): asks the server's monotonic clock and translates the deadline into it. Needs v3.
     */
    public static Program<Either<String, Boolean>> removeBefore(Key key, long deadline) {
        return timestamp().flatMap(andThen(remote -> new Local.LocalTime().flatMap(now -> {
            long remaining = deadline - now;
            if (remaining <= 0) {
                return Program.pure(Either.<String, Boolean>left("the lock proof expired before removal"));
            }
            MonotonicTimestamp before = MonotonicTimestamp.of(remote.value() + remaining);
            return send(new RemoveBefore(before, key)).then(Client::checkSuccessPlus);
        })));
    }

    public static Program<Either<String, MonotonicTimestamp>> timestamp() {
        return send(new GetTimestamp()).then(expect(Expected.reply("TIMESTAMP"), Timestamp.class))
                .map(r -> r.map(Timestamp::timestamp));
    }

    /**
     * Downloads {@code dest.key()} into {@code dest}, resuming from what it already holds. Right(true) when
     * the content arrived and verified.
     */
    public static Program<Either<String, Boolean>> get(Destination dest, AssociatedFile file, Meter meter) {
        return new Local.DestinationSize(dest).flatMap(have -> {
            Offset offset = Offset.of(have.value());
            return send(new Get(offset, file, dest.key()))
                    .then(() -> Transfers.receiveContent(dest, file, offset, false, meter))
                    .flatMap(andThen(kept -> sendSuccess(kept).then(right(kept))));
        });
    }

    /**
     * Uploads {@code key}; the server asks for the bytes from its partial copy on (PUT-FROM), or already has
     * it. Right(true) when the server has the content afterwards.
     */
    public static Program<Either<String, Boolean>> put(Key key, AssociatedFile file, Meter meter) {
        return offer(key, file).flatMap(andThen(m -> m instanceof PutFrom p
                ? Transfers.sendContent(key, file, p.offset(), meter).then(Client::checkSuccessPlus)
                : right(true)));
    }

    /** v4: tells the server the content of {@code key} got there another way, instead of sending it. */
    public static Program<Either<String, Boolean>> putDataPresent(Key key, AssociatedFile file) {
        return offer(key, file).flatMap(andThen(m -> m instanceof PutFrom
                ? send(new DataPresent()).then(Client::checkSuccessPlus)
                : right(true)));
    }

    /** PUT, answered by PUT-FROM, or ALREADY-HAVE (-PLUS) when the server needs nothing. */
    private static Program<Either<String, Message>> offer(Key key, AssociatedFile file) {
        return send(new Put(file, key)).then(expect(PUT_FROM, AlreadyHave.class, AlreadyHavePlus.class, PutFrom.class));
    }

    /** Tunnels a git service; the exit code is the one the server's git exited with. */
    public static Program<ExitCode> connect(Service service) {
        return send(new Connect(service)).then(new Net.Relay());
    }

    public static Program<Either<String, ChangedRefs>> notifyChange() {
        return send(new NotifyChange()).then(expect(Expected.reply("CHANGED"), Changed.class))
                .map(r -> r.map(Changed::refs));
    }

    /** Ends the conversation politely: servers stop serving a client that sends ERROR. */
    public static Program<Unit> giveUp(String why) {
        return send(new Message.Error(why));
    }

    private static Program<Either<String, Boolean>> checkSuccess() {
        return expect(SUCCESS, Success.class, Failure.class).map(r -> r.map(m -> m instanceof Success));
    }

    /** From v2 on, servers may answer with the *-PLUS variants, naming other repositories involved. */
    private static Program<Either<String, Boolean>> checkSuccessPlus() {
        return new Net.GetProtocolVersion().flatMap(v -> !v.hasPlusReplies() ? checkSuccess()
                : expect(SUCCESS_PLUS, Success.class, SuccessPlus.class, Failure.class, FailurePlus.class)
                        .map(r -> r.map(m -> m instanceof Success || m instanceof SuccessPlus)));
    }
}
