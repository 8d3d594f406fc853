package org.annexp2p.protocol.conversation;

import static org.annexp2p.protocol.conversation.Dialogue.expect;
import static org.annexp2p.protocol.conversation.Dialogue.send;
import static org.annexp2p.protocol.conversation.Dialogue.sendSuccess;

import io.vavr.control.Option;
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
import org.annexp2p.protocol.wire.MonotonicTimestamp;
import org.annexp2p.protocol.wire.Offset;
import org.annexp2p.protocol.wire.ProtocolVersion;
import org.annexp2p.protocol.wire.Service;
import org.annexp2p.protocol.wire.Uuid;

/**
 * The server side of the protocol, answering exactly as git-annex does (same replies, same ERROR texts).
 *
 * <p>{@link #serveAuth} is the unauthenticated phase: it uses only Net instructions, and is meant to run
 * under an interpreter that has no repository at all. Only its result — the authenticated peer's UUID —
 * opens the way to {@link #serveAuthed}, which uses Local instructions.
 */
public final class Server {
    private Server() {}

    /**
     * Waits for a good AUTH: answers AUTH-SUCCESS and returns the peer's UUID; a bad token gets AUTH-FAILURE and
     * another chance; anything else gets {@code ERROR unexpected command}. None if the client gave up (ERROR).
     */
    public static Program<Option<Uuid>> serveAuth(Uuid myUuid) {
        return ServerLoop.serve(m -> !(m instanceof Auth a) ? Program.pure(Handled.unexpected())
                : new Net.CheckAuthToken(a.uuid(), a.token()).flatMap(ok -> ok
                        ? send(new AuthSuccess(myUuid)).map(u -> Handled.stop(a.uuid()))
                        : send(new AuthFailure()).map(u -> Handled.next())));
    }

    /** Serves an authenticated peer until it hangs up, sends ERROR, or a CONNECT ends. */
    public static Program<Unit> serveAuthed(ServerMode mode, Uuid myUuid) {
        return ServerLoop.serve(m -> handle(mode, myUuid, m)).map(stopped -> Unit.UNIT);
    }

    /** What git-annex-shell p2pstdio does: announce AUTH-SUCCESS unprompted (ssh authenticated), then serve. */
    public static Program<Unit> serveStdio(ServerMode mode, Uuid myUuid) {
        return send(new AuthSuccess(myUuid)).then(() -> serveAuthed(mode, myUuid));
    }

    private static Program<Handled<Unit>> handle(ServerMode mode, Uuid myUuid, Message m) {
        if (m instanceof Version v) {
            ProtocolVersion agreed = v.version().min(ProtocolVersion.MAX);
            return next(new Net.SetProtocolVersion(agreed).then(send(new Version(agreed))));
        }
        if (m instanceof Bypass) {
            return next(Program.done());
        }
        if (m instanceof CheckPresent c) {
            return next(new Local.CheckContentPresent(c.key()).flatMap(Dialogue::sendSuccess));
        }
        if (m instanceof LockContent l) {
            return next(lock(l.key()));
        }
        if (m instanceof Remove r) {
            return next(remove(mode, r.key(), Option.none()));
        }
        if (m instanceof RemoveBefore r) {
            return next(remove(mode, r.key(), Option.some(r.timestamp())));
        }
        if (m instanceof GetTimestamp) {
            return next(new Net.GetMonotonicTimestamp().flatMap(ts -> send(new Timestamp(ts))));
        }
        if (m instanceof Get g) {
            return next(Transfers.sendContent(g.key(), g.file(), g.offset(), Meter.NONE).then(Transfers::awaitSuccess));
        }
        if (m instanceof Put p) {
            return next(mode.refusesWrite().map(text -> send(new Message.Error(text)))
                    .getOrElse(() -> put(myUuid, p.file(), p.key())));
        }
        if (m instanceof Connect c) {
            Option<String> refused = c.service() == Service.RECEIVE_PACK ? mode.refusesGitPush() : Option.none();
            // After a relay git may leave data unconsumed on the connection, so the conversation ends either way.
            Program<?> answer = refused.<Program<?>>map(text -> send(new Message.Error(text)))
                    .getOrElse(() -> new Net.RelayService(c.service()));
            return answer.map(u -> Handled.stop(Unit.UNIT));
        }
        if (m instanceof NotifyChange) {
            return next(new Local.WaitRefChange().flatMap(refs -> send(new Changed(refs))));
        }
        return Program.pure(Handled.unexpected());
    }

    private static Program<Handled<Unit>> next(Program<?> answer) {
        return answer.map(u -> Handled.next());
    }

    private static Program<Unit> lock(Key key) {
        return new Local.LockContent(key).flatMap(locked -> sendSuccess(locked).then(() -> !locked ? Program.done()
                // While locked, the only acceptable next message is UNLOCKCONTENT; any other is dropped, not served.
                : expect(Expected.reply("UNLOCKCONTENT"), UnlockContent.class).then(new Local.UnlockContent(key))));
    }

    private static Program<Unit> remove(ServerMode mode, Key key, Option<MonotonicTimestamp> before) {
        return mode.refusesRemoval().map(text -> send(new Message.Error(text)))
                .getOrElse(() -> new Local.RemoveContent(key, before).flatMap(Dialogue::sendSuccess));
    }

    private static Program<Unit> put(Uuid myUuid, AssociatedFile file, Key key) {
        return new Local.CheckContentPresent(key).flatMap(have -> {
            if (have) {
                return send(new AlreadyHave());
            }
            Destination dest = new Destination.ObjectStore(key);
            // Claimed before PUT-FROM: a key that cannot be received now is refused before the peer sends a byte.
            return new Local.ClaimTransfer(key).flatMap(claim -> claim.fold(
                    why -> send(new Message.Error(why)),
                    partial -> send(new PutFrom(Offset.of(partial.value())))
                            .then(() -> Transfers.receiveContent(dest, file, Offset.of(partial.value()), true, Meter.NONE))
                            .flatMap(r -> {
                                boolean ok = r.getOrElse(false);
                                return (ok ? new Local.SetPresent(key, myUuid) : Program.done()).then(() -> sendSuccess(ok));
                            })));
        });
    }
}
