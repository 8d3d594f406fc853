package org.annexp2p.transports;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * An output stream that passes a connection's guard before every write and flush; a whole array goes to the stream
 * underneath in one write, never byte by byte as {@link FilterOutputStream}'s would.
 */
public class GuardedOutputStream extends FilterOutputStream {
    private final GuardedInputStream.Guard guard;

    public GuardedOutputStream(OutputStream out, GuardedInputStream.Guard guard) {
        super(out);
        this.guard = guard;
    }

    @Override
    public void write(int b) throws IOException {
        guard.check();
        out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        guard.check();
        out.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
        guard.check();
        out.flush();
    }
}
