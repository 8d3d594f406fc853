package org.annexp2p.http.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.LinkedBlockingQueue;
import org.annexp2p.transports.BulkInputStream;

/**
 * A request body written while it is sent: what one thread writes, the HTTP client reads when it comes, and
 * closing ends the body. Unlike a piped stream it does not care which threads write.
 */
final class LineFeed extends OutputStream {
    private static final byte[] END = new byte[0];
    private final LinkedBlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
    private volatile boolean closed;

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("the body has ended");
        }
        chunks.add(java.util.Arrays.copyOfRange(b, off, off + len));
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            chunks.add(END);
        }
    }

    /** The reading end: blocks until something was written or the body ended. */
    InputStream reading() {
        return new BulkInputStream() {
            private byte[] current = new byte[0];
            private int at;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                while (current != END && at == current.length) {
                    try {
                        current = chunks.take();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted");
                    }
                    at = 0;
                }
                if (current == END) {
                    return -1;
                }
                int n = Math.min(len, current.length - at);
                System.arraycopy(current, at, b, off, n);
                at += n;
                return n;
            }
        };
    }
}
