package org.annexp2p.http.server;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.util.concurrent.Executor;
import org.annexp2p.http.wire.AnnexRequest;
import org.annexp2p.http.wire.Operation;
import org.annexp2p.http.wire.Refusal;
import org.annexp2p.http.wire.Reply;
import org.annexp2p.protocol.conversation.Client;
import org.annexp2p.protocol.conversation.ServerMode;
import org.annexp2p.protocol.program.Destination;
import org.annexp2p.protocol.program.Meter;
import org.annexp2p.protocol.wire.AssociatedFile;
import org.annexp2p.protocol.wire.Offset;
import org.annexp2p.repository.Repository;

/** Serves one authorized request as its conversation with the repository, and answers it. */
final class Operations {
    private final Pipes pipes;
    private final Executor threads;
    private final HeldLocks locks;

    Operations(Pipes pipes, Executor threads, HeldLocks locks) {
        this.pipes = pipes;
        this.threads = threads;
        this.locks = locks;
    }

    void serve(AnnexRequest request, Repository repository, ServerMode mode, RequestBody body, Responder out)
            throws IOException {
        Operation op = request.operation();
        if (op instanceof Operation.KeepLocked k) {
            body.longPoll();
            KeepLocked.serve(locks, k.lockId(), body, out, request.version());
            return;
        }
        Either<String, Conversation> opened = Conversation.open(pipes, threads, repository, mode, request.version(), request.bypass());
        if (opened.isLeft()) {
            out.refuse(new Refusal(500, opened.getLeft()));
            return;
        }
        Conversation c = opened.get();
        boolean keepOpen = false;
        try {
            if (op instanceof Operation.LockContent l) {
                keepOpen = lock(c, l, out, request);
            } else if (op instanceof Operation.Get g) {
                get(c, g, out);
            } else if (op instanceof Operation.Put p) {
                put(c, p, body, out, request);
            } else {
                Either<String, Reply> reply = answer(c, op);
                if (reply.isLeft()) {
                    out.refuse(new Refusal(500, reply.getLeft()));
                } else {
                    out.json(reply.get().encode(request.version()));
                }
            }
        } finally {
            if (!keepOpen) {
                c.close();
            }
        }
    }

    private static Either<String, Reply> answer(Conversation c, Operation op) throws IOException {
        if (op instanceof Operation.CheckPresent p) {
            return c.run(Client.checkPresent(p.key()), RequestSide.NONE).map(Reply.Present::new);
        }
        if (op instanceof Operation.Remove r) {
            Either<String, Boolean> removed = r.before().isEmpty()
                    ? c.run(Client.remove(r.key()), RequestSide.NONE)
                    : c.run(Offers.removeBefore(r.key(), r.before().get()), RequestSide.NONE);
            return removed.map(ok -> new Reply.Removed(ok, List.empty()));
        }
        if (op instanceof Operation.GetTimestamp) {
            return c.run(Client.timestamp(), RequestSide.NONE).map(t -> new Reply.Timestamp(t.value()));
        }
        if (op instanceof Operation.PutOffset p) {
            return c.run(Offers.putOffset(p.key(), AssociatedFile.NONE), RequestSide.NONE)
                    .map(o -> new Reply.PutOffset(o.map(Offset::value), List.empty()));
        }
        return Either.left("not served: " + op.getClass().getSimpleName());
    }

    /** True when the lock was granted and its conversation is now held open. */
    private boolean lock(Conversation c, Operation.LockContent l, Responder out, AnnexRequest request) throws IOException {
        if (locks.full()) {
            out.json(new Reply.Locked(false, Option.none()).encode(request.version()));
            return false;
        }
        boolean locked = c.run(Client.lock(l.key()), RequestSide.NONE).getOrElse(false);
        Option<String> id = locked ? Option.some(locks.hold(c)) : Option.none();
        out.json(new Reply.Locked(locked, id).encode(request.version()));
        return locked;
    }

    private static void get(Conversation c, Operation.Get g, Responder out) throws IOException {
        if (!c.run(Client.checkPresent(g.key()), RequestSide.NONE).getOrElse(false)) {
            out.refuse(Refusal.notFound());
            return;
        }
        Download download = new Download(g.offset(), out);
        try {
            c.run(Client.get(new Destination.ObjectStore(g.key()), g.file(), Meter.NONE), download);
            download.end();
        } catch (IOException e) {
            if (!download.begun()) {
                throw e;
            }
            // Headers are out: cutting the body short is the only way left to say it failed.
            out.abort();
        }
    }

    private static void put(Conversation c, Operation.Put p, RequestBody body, Responder out, AnnexRequest request)
            throws IOException {
        if (p.dataPresent()) {
            Either<String, Boolean> stored = c.run(Client.putDataPresent(p.key(), p.file()), RequestSide.NONE);
            out.json(new Reply.Stored(stored.getOrElse(false), List.empty()).encode(request.version()));
            return;
        }
        Upload upload = new Upload(p.offset(), p.length(), body);
        try {
            Either<String, Boolean> stored = c.run(Client.put(p.key(), p.file(), Meter.NONE), upload);
            out.json(new Reply.Stored(stored.getOrElse(false), List.empty()).encode(request.version()));
        } catch (IOException e) {
            if (upload.misfit().isEmpty()) {
                throw e;
            }
            out.refuse(Refusal.badRequest(upload.misfit().get()));
        }
    }
}
