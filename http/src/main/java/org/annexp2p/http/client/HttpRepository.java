package org.annexp2p.http.client;

import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.message.Message;
import org.annexp2p.protocol.program.Local;
import org.annexp2p.protocol.program.Payload;
import org.annexp2p.protocol.program.Unit;
import org.annexp2p.protocol.wire.ChangedRefs;
import org.annexp2p.protocol.wire.Len;
import org.annexp2p.protocol.wire.Validity;

/**
 * The repository's side of a conversation whose repository is behind a p2phttp server: each Local instruction of
 * the ordinary protocol server is answered by a request of {@link P2pHttpClient}. It is the mirror of our own
 * p2phttp server, where the request's side runs the client programs: here the server program runs in this process
 * and only its repository is remote, so what a get verifies and when its content becomes visible is decided by the
 * same client programs and Local interpreter as for every other transport.
 */
final class HttpRepository implements Local.Handler, AutoCloseable {
    private final P2pHttpClient client;
    private final Map<Key, KeptLock> locks = new HashMap<>();
    private Option<Message.Get> answering = Option.none();
    private Option<Incoming> download = Option.none();
    private Option<PendingPut> putting = Option.none();

    HttpRepository(P2pHttpClient client) {
        this.client = client;
    }

    /** The GET the server program is answering: its offset decides where the download starts. */
    void answering(Message.Get get) {
        answering = Option.some(get);
    }

    P2pHttpClient client() {
        return client;
    }

    /**
     * The server program asks the size before it reads; over HTTP the size is known only from the download's
     * announced length, so the download starts here, at the offset of the GET being answered.
     */
    @Override
    public Option<Len> contentSize(Local.ContentSize i) throws IOException {
        closeDownload();
        Message.Get get = answering.filter(g -> g.key().equals(i.key())).getOrElse(() -> new Message.Get(
                org.annexp2p.protocol.wire.Offset.ZERO, org.annexp2p.protocol.wire.AssociatedFile.NONE, i.key()));
        download = client.open(get.key(), get.file(), get.offset().value());
        return download.map(in -> Len.of(get.offset().value() + in.length()));
    }

    @Override
    public Option<Payload> readContent(Local.ReadContent i) throws IOException {
        Option<Incoming> body = download;
        download = Option.none();
        return body.map(in -> Payload.of(Len.of(in.length()), in));
    }

    /** The download is valid only if the server sent exactly what it announced; more is a failure, said so. */
    @Override
    public Validity checkUnchanged(Local.CheckUnchanged i) throws IOException {
        try (InputStream in = i.payload().stream()) {
            ((Incoming) in).finish();
        }
        return Validity.VALID;
    }

    /** Before PUT-FROM: where the server's partial copy ends. */
    @Override
    public Either<String, Len> claimTransfer(Local.ClaimTransfer i) throws IOException {
        return client.putOffset(i.key()).<Either<String, Len>>map(o -> Either.right(Len.of(o)))
                .getOrElse(() -> Either.left("the server already has the content"));
    }

    /** Starts the put; the server's answer is waited for in {@link #finishContent}. */
    @Override
    public Len writeContent(Local.WriteContent i) throws IOException {
        putting = Option.some(PendingPut.start(client, i));
        return i.length();
    }

    @Override
    public Boolean finishContent(Local.FinishContent i) throws IOException {
        PendingPut p = putting.getOrElseThrow(() -> new IOException("nothing was sent to finish"));
        putting = Option.none();
        return p.finish(!i.validity().contains(Validity.INVALID));
    }


    @Override
    public Unit setPresent(Local.SetPresent i) {
        return Unit.UNIT;
    }

    @Override
    public Boolean checkContentPresent(Local.CheckContentPresent i) throws IOException {
        return client.checkPresent(i.key());
    }

    @Override
    public Boolean removeContent(Local.RemoveContent i) throws IOException {
        return i.before().isDefined() ? client.removeBefore(i.key(), i.before().get()) : client.remove(i.key());
    }

    @Override
    public Boolean lockContent(Local.LockContent i) throws IOException {
        Option<String> id = client.lock(i.key());
        if (id.isDefined()) {
            locks.put(i.key(), client.keepLocked(id.get()));
        }
        return id.isDefined();
    }

    @Override
    public Unit unlockContent(Local.UnlockContent i) throws IOException {
        KeptLock lock = locks.remove(i.key());
        if (lock != null) {
            lock.release();
        }
        return Unit.UNIT;
    }

    @Override
    public Len destinationSize(Local.DestinationSize i) throws IOException {
        throw new IOException("a server is never asked for a destination's size");
    }

    @Override
    public ChangedRefs waitRefChange(Local.WaitRefChange i) throws IOException {
        throw new IOException("p2phttp has no change notification");
    }

    @Override
    public Long localTime(Local.LocalTime i) {
        return System.currentTimeMillis() / 1000;
    }

    private void closeDownload() throws IOException {
        if (download.isDefined()) {
            download.get().close();
            download = Option.none();
        }
    }

    /** The conversation ended: locks still held are released, a download not read is dropped, a put cut short. */
    @Override
    public void close() {
        putting.forEach(PendingPut::abandon);
        locks.values().forEach(KeptLock::close);
        locks.clear();
        try {
            closeDownload();
        } catch (IOException e) {
            // nothing more to read from it
        }
    }
}
