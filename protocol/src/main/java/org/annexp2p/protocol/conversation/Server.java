package org.annexp2p.protocol.conversation;

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
import org.annexp2p.protocol.wire.MonotonicTimestamp;
import org.annexp2p.protocol.wire.Offset;
import org.annexp2p.protocol.wire.ProtocolVersion;
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
        Uuid[] peer = new Uuid[1];
        return ServerLoop.serve(m -> {
            if (!(m instanceof Auth a)) {
                return Program.pure(Handled.UNEXPECTED);
            }
            return Net.checkAuthToken(a.uuid(), a.token()).flatMap(ok -> {
                if (!ok) {
                    return Net.send(new AuthFailure()).map(u -> Handled.CONTINUE);
                }
                peer[0] = a.uuid();
                return Net.send(new AuthSuccess(myUuid)).map(u -> Handled.STOP);
            });
        }).map(stopped -> stopped ? Option.some(peer[0]) : Option.none());
    }

    /** Serves an authenticated peer until it hangs up, sends ERROR, or a CONNECT ends. */
    public static Program<Unit> serveAuthed(ServerMode mode, Uuid myUuid) {
        return ServerLoop.serve(m -> handle(mode, myUuid, m)).map(stopped -> Unit.UNIT);
    }

    /** What git-annex-shell p2pstdio does: announce AUTH-SUCCESS unprompted (ssh authenticated), then serve. */
    public static Program<Unit> serveStdio(ServerMode mode, Uuid myUuid) {
        return Net.send(new AuthSuccess(myUuid)).then(() -> serveAuthed(mode, myUuid));
    }

    private static Program<Handled> handle(ServerMode mode, Uuid myUuid, Message m) {
        if (m instanceof Version v) {
            ProtocolVersion agreed = v.version().min(ProtocolVersion.MAX);
            return Net.setProtocolVersion(agreed).then(Net.send(new Version(agreed))).map(u -> Handled.CONTINUE);
        }
        if (m instanceof Bypass) {
            return Program.pure(Handled.CONTINUE);
        }
        if (m instanceof CheckPresent c) {
            return Local.checkContentPresent(c.key()).flatMap(Server::sendSuccess).map(u -> Handled.CONTINUE);
        }
        if (m instanceof LockContent l) {
            return lock(l.key()).map(u -> Handled.CONTINUE);
        }
        if (m instanceof Remove r) {
            return remove(mode, r.key(), Option.none());
        }
        if (m instanceof RemoveBefore r) {
            return remove(mode, r.key(), Option.some(r.timestamp()));
        }
        if (m instanceof GetTimestamp) {
            return Net.monotonicTimestamp().flatMap(ts -> Net.send(new Timestamp(ts))).map(u -> Handled.CONTINUE);
        }
        if (m instanceof Get g) {
            return Transfers.sendContent(g.key(), g.file(), g.offset(), Meter.NONE)
                    .then(() -> Transfers.awaitSuccess()).map(ok -> Handled.CONTINUE);
        }
        if (m instanceof Put p) {
            return mode.refusesWrite().<Program<Handled>>map(text -> Net.send(new Message.Error(text)).map(u -> Handled.CONTINUE))
                    .getOrElse(() -> put(myUuid, p.file(), p.key()));
        }
        if (m instanceof Connect c) {
            boolean push = c.service() == org.annexp2p.protocol.wire.Service.RECEIVE_PACK;
            Option<String> refused = push ? mode.refusesGitPush() : Option.none();
            // After a relay git may leave data unconsumed on the connection, so the conversation ends either way.
            return refused.<Program<Handled>>map(text -> Net.send(new Message.Error(text)).map(u -> Handled.STOP))
                    .getOrElse(() -> Net.relayService(c.service()).map(exit -> Handled.STOP));
        }
        if (m instanceof NotifyChange) {
            return Local.waitRefChange().flatMap(refs -> Net.send(new Changed(refs))).map(u -> Handled.CONTINUE);
        }
        return Program.pure(Handled.UNEXPECTED);
    }

    private static Program<Unit> lock(Key key) {
        return Local.lockContent(key).flatMap(locked -> sendSuccess(locked).then(() -> {
            if (!locked) {
                return Program.done();
            }
            // While locked, the only acceptable next message is UNLOCKCONTENT; any other is dropped, not served.
            return Net.receive().flatMap(r -> {
                boolean unlock = r instanceof Received.Parsed p && p.message() instanceof UnlockContent;
                Program<Unit> answer = unlock ? Program.done() : Net.send(new Message.Error("expected UNLOCKCONTENT"));
                return answer.then(() -> Local.unlockContent(key));
            });
        }));
    }

    private static Program<Handled> remove(ServerMode mode, Key key, Option<MonotonicTimestamp> before) {
        Program<Unit> act = mode.refusesRemoval().<Program<Unit>>map(text -> Net.send(new Message.Error(text)))
                .getOrElse(() -> Local.removeContent(key, before).flatMap(Server::sendSuccess));
        return act.map(u -> Handled.CONTINUE);
    }

    private static Program<Handled> put(Uuid myUuid, AssociatedFile file, Key key) {
        return Local.checkContentPresent(key).flatMap(have -> {
            if (have) {
                return Net.send(new AlreadyHave()).map(u -> Handled.CONTINUE);
            }
            Destination dest = new Destination.ObjectStore(key);
            // Claimed before PUT-FROM: a key that cannot be received now is refused before the peer sends a byte.
            return Local.claimTransfer(key).flatMap(claim -> claim.fold(
                    why -> Net.send(new Message.Error(why)),
                    partial -> Net.send(new PutFrom(Offset.of(partial.value())))
                            .then(() -> Transfers.receiveContent(dest, file, Offset.of(partial.value()), true, Meter.NONE))
                            .flatMap(r -> {
                                boolean ok = r.getOrElse(false);
                                return (ok ? Local.setPresent(key, myUuid) : Program.done()).then(() -> sendSuccess(ok));
                            })))
                    .map(u -> Handled.CONTINUE);
        });
    }

    static Program<Unit> sendSuccess(boolean ok) {
        return Net.send(ok ? new Success() : new Failure());
    }
}
