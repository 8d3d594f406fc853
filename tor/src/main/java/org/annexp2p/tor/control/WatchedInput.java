package org.annexp2p.tor.control;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Calls {@code onEnd} once the stream ends or fails, whichever way that happens. */
final class WatchedInput extends FilterInputStream {

    private final Runnable onEnd;

    WatchedInput(InputStream in, Runnable onEnd) {
        super(in);
        this.onEnd = onEnd;
    }

    @Override
    public int read() throws IOException {
        try {
            int c = super.read();
            if (c < 0) {
                onEnd.run();
            }
            return c;
        } catch (IOException e) {
            onEnd.run();
            throw e;
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            int n = super.read(b, off, len);
            if (n < 0) {
                onEnd.run();
            }
            return n;
        } catch (IOException e) {
            onEnd.run();
            throw e;
        }
    }
}
