package org.annexp2p.http.client;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A download's body: exactly {@code length} bytes as the server announced them. It fails, rather than ending, when
 * the server sends fewer (how a server says the content changed while it was sent, or the connection broke), and
 * {@link #finish} fails when it sends more; it never reads more than one byte past the announced length.
 */
public final class Incoming extends FilterInputStream {
    private final long length;
    private long read;
    private Boolean more;

    Incoming(long length, InputStream body) {
        super(body);
        this.length = length;
    }

    /** How many bytes the server announced. */
    public long length() {
        return length;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (read == length) {
            return -1;
        }
        int n = super.read(b, off, (int) Math.min(len, length - read));
        if (n < 0) {
            throw new IOException("the server sent " + read + " bytes where it announced " + length
                    + ": the content is not valid");
        }
        read += n;
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        return 0;
    }

    /** After all {@link #length} bytes were read (before or after closing): fails if the server had more to send. */
    public void finish() throws IOException {
        if (read < length) {
            throw new IOException("the content was not read to its end");
        }
        if (sentMore()) {
            throw new IOException("the server sent more than the " + length + " bytes it announced: the content is not valid");
        }
    }

    /** Whether a byte follows the announced ones; looked at once, at most one byte. */
    private boolean sentMore() throws IOException {
        if (more == null) {
            more = in.read() >= 0;
        }
        return more;
    }

    /** Closing once all was read first looks whether more followed, so that {@link #finish} can still tell. */
    @Override
    public void close() throws IOException {
        try {
            if (read == length && more == null) {
                sentMore();
            }
        } finally {
            super.close();
        }
    }
}
