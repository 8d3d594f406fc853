package org.annexp2p.http.client;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** An upload's content, each read of which tells the request's {@link Patience} that bytes still move. */
final class Moving extends FilterInputStream {
    private final Patience patience;

    Moving(InputStream in, Patience patience) {
        super(in);
        this.patience = patience;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        patience.moved();
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        patience.moved();
        return n;
    }
}
