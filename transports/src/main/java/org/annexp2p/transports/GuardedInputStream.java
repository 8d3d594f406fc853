package org.annexp2p.transports;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** An input stream that passes a connection's guard (still open? handshake done?) before every read. */
public class GuardedInputStream extends FilterInputStream {

    /** What must hold before the stream is used; it throws, saying why, when it does not. */
    @FunctionalInterface
    public interface Guard {
        void check() throws IOException;
    }

    private final Guard guard;

    public GuardedInputStream(InputStream in, Guard guard) {
        super(in);
        this.guard = guard;
    }

    @Override
    public int read() throws IOException {
        guard.check();
        return super.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        guard.check();
        return super.read(b, off, len);
    }
}
