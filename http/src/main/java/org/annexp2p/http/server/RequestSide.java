package org.annexp2p.http.server;

import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import org.annexp2p.protocol.program.Local;
import org.annexp2p.protocol.program.Payload;
import org.annexp2p.protocol.program.Unit;
import org.annexp2p.protocol.wire.ChangedRefs;
import org.annexp2p.protocol.wire.Len;
import org.annexp2p.protocol.wire.Validity;

/**
 * The Local instructions of the client programs that a request's side runs: where git-annex's client reads and
 * writes its repository, this side reads the request body and writes the response. Only the instructions a
 * transfer needs have a meaning here ({@link Download}, {@link Upload}); any other ends the run, so no client
 * program can reach past the request.
 */
abstract class RequestSide implements Local.Handler {
    /** For programs that perform no Local instruction at all. */
    static final RequestSide NONE = new RequestSide() {};

    private static IOException refused(Local<?> i) {
        return new IOException("not part of an HTTP request: " + i.getClass().getSimpleName());
    }

    @Override
    public Either<String, Len> claimTransfer(Local.ClaimTransfer i) throws IOException {
        throw refused(i);
    }

    @Override
    public Len destinationSize(Local.DestinationSize i) throws IOException {
        throw refused(i);
    }

    @Override
    public Option<Len> contentSize(Local.ContentSize i) throws IOException {
        throw refused(i);
    }

    @Override
    public Option<Payload> readContent(Local.ReadContent i) throws IOException {
        throw refused(i);
    }

    @Override
    public Validity checkUnchanged(Local.CheckUnchanged i) throws IOException {
        throw refused(i);
    }

    @Override
    public Len writeContent(Local.WriteContent i) throws IOException {
        throw refused(i);
    }

    @Override
    public Boolean finishContent(Local.FinishContent i) throws IOException {
        throw refused(i);
    }

    @Override
    public Unit setPresent(Local.SetPresent i) throws IOException {
        throw refused(i);
    }

    @Override
    public Boolean checkContentPresent(Local.CheckContentPresent i) throws IOException {
        throw refused(i);
    }

    @Override
    public Boolean removeContent(Local.RemoveContent i) throws IOException {
        throw refused(i);
    }

    @Override
    public Boolean lockContent(Local.LockContent i) throws IOException {
        throw refused(i);
    }

    @Override
    public Unit unlockContent(Local.UnlockContent i) throws IOException {
        throw refused(i);
    }

    @Override
    public ChangedRefs waitRefChange(Local.WaitRefChange i) throws IOException {
        throw refused(i);
    }

    @Override
    public Long localTime(Local.LocalTime i) throws IOException {
        throw refused(i);
    }
}
