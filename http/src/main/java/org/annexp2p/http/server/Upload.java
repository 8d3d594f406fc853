package org.annexp2p.http.server;

import io.vavr.control.Option;
import java.io.IOException;
import java.io.InputStream;
import org.annexp2p.http.wire.RequestParser;
import org.annexp2p.protocol.program.Local;
import org.annexp2p.protocol.program.Payload;
import org.annexp2p.protocol.wire.Len;
import org.annexp2p.protocol.wire.Offset;
import org.annexp2p.protocol.wire.Validity;
import org.annexp2p.transports.BulkInputStream;

/**
 * The request's side of a PUT: the request body is the content, from the request's offset, {@code length} bytes.
 * When the repository's side asks for the content from further on (it holds more of a partial copy), the body's
 * first bytes are skipped; from earlier on, the content is declined, as it cannot be had. A body that is shorter
 * or longer than announced ends the conversation mid-DATA, so the repository keeps nothing it would show.
 */
final class Upload extends RequestSide {
    private final Offset offset;
    private final Len length;
    private final InputStream body;
    private static final String SHORTER = "the request body is shorter than its " + RequestParser.DATA_LENGTH_HEADER;
    private String misfit;

    Upload(Offset offset, Len length, InputStream body) {
        this.offset = offset;
        this.length = length;
        this.body = body;
    }

    /** Empty content is sent without reading a payload, so a body that holds more is caught here. */
    @Override
    public Option<Len> contentSize(Local.ContentSize i) throws IOException {
        if (length.value() == 0) {
            refuseLonger();
        }
        return Option.some(Len.of(offset.value() + length.value()));
    }

    @Override
    public Option<Payload> readContent(Local.ReadContent i) throws IOException {
        long skip = i.offset().value() - offset.value();
        if (skip < 0) {
            return Option.none();
        }
        skipFully(skip);
        long left = length.value() - skip;
        return Option.some(Payload.of(Len.of(left), new Bounded(left)));
    }

    @Override
    public Validity checkUnchanged(Local.CheckUnchanged i) throws IOException {
        return body.read() < 0 ? Validity.VALID : Validity.INVALID;
    }

    /** Why the body did not fit its announced length, if it did not. */
    Option<String> misfit() {
        return Option.of(misfit);
    }

    private void refuseLonger() throws IOException {
        if (body.read() >= 0) {
            misfit = "the request body is longer than its " + RequestParser.DATA_LENGTH_HEADER;
            throw new IOException(misfit);
        }
    }

    private void skipFully(long n) throws IOException {
        long left = n;
        byte[] scratch = new byte[8192];
        while (left > 0) {
            int r = body.read(scratch, 0, (int) Math.min(scratch.length, left));
            if (r < 0) {
                misfit = SHORTER;
                throw new IOException(misfit);
            }
            left -= r;
        }
    }

    /** At most {@code left} bytes of the body; it notes a body that ends sooner. */
    private final class Bounded extends BulkInputStream {
        private long left;

        Bounded(long left) {
            this.left = left;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left == 0) {
                return -1;
            }
            int n = body.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                misfit = SHORTER;
                return -1;
            }
            left -= n;
            if (left == 0) {
                // Before the last bytes go: a longer body must end the transfer short, so nothing of it is kept.
                refuseLonger();
            }
            return n;
        }
    }
}
