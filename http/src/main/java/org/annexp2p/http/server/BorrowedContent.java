package org.annexp2p.http.server;

import java.io.IOException;
import java.io.InputStream;
import org.annexp2p.protocol.program.Payload;
import org.annexp2p.protocol.wire.Len;
import org.annexp2p.repository.FileRegion;
import org.annexp2p.transports.BulkInputStream;

/**
 * A payload lent by the repository's side (see {@link PayloadLoan}) as the request's side reads it: at most the
 * announced length, read or, where the lent stream is a stretch of a file, sent from the file; closing it gives
 * it back, saying how many bytes were left.
 */
class BorrowedContent extends BulkInputStream {
    /** Told once, when the content is given back: how many of the announced bytes were neither read nor sent. */
    @FunctionalInterface
    interface Return {
        void giveBack(long left);
    }

    private record Borrowed(Len length, InputStream stream) implements Payload {}

    static Payload of(Payload lent, Len length, Return back) {
        InputStream s = lent.stream();
        return new Borrowed(length, s instanceof FileRegion r ? new Region(s, r, length.value(), back)
                : new BorrowedContent(s, length.value(), back));
    }

    private final InputStream source;
    private final Return back;
    private long left;
    private boolean closed;

    private BorrowedContent(InputStream source, long length, Return back) {
        this.source = source;
        this.left = length;
        this.back = back;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("the content was given back");
        }
        if (len == 0) {
            return 0;
        }
        if (left == 0) {
            return -1;
        }
        int n = source.read(b, off, (int) Math.min(len, left));
        if (n > 0) {
            left -= n;
        }
        return n;
    }

    /** Counts {@code n} bytes as sent by other means. */
    final void sent(long n) {
        left -= n;
    }

    final long left() throws IOException {
        if (closed) {
            throw new IOException("the content was given back");
        }
        return left;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            back.giveBack(left);
        }
    }

    /** Lent content that is a stretch of a file: it can go to the client without passing through our heap. */
    private static final class Region extends BorrowedContent implements FileRegion {
        private final FileRegion file;

        Region(InputStream source, FileRegion file, long length, Return back) {
            super(source, length, back);
            this.file = file;
        }

        @Override
        public long sendWith(Sender sender, long max) throws IOException {
            long n = file.sendWith(sender, Math.min(max, left()));
            sent(n);
            return n;
        }
    }
}
