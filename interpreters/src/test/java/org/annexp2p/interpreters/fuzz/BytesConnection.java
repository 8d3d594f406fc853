package org.annexp2p.interpreters.fuzz;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import org.annexp2p.transports.Connection;

/**
 * A peer that sent exactly these bytes and then half-closed, as a stream pair: the server reads them and then
 * end-of-stream, and everything it writes is kept. No threads and no buffers between the two sides, so a
 * million lines cost only what the server itself does with them.
 */
final class BytesConnection implements Connection {
    private final InputStream input;
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();

    BytesConnection(byte[] sent) {
        this.input = new ByteArrayInputStream(sent);
    }

    @Override
    public InputStream input() {
        return input;
    }

    @Override
    public OutputStream output() {
        return written;
    }

    @Override
    public void shutdownOutput() {
        // Nothing reads our side live; what was written stays in the buffer for the test to judge.
    }

    @Override
    public String description() {
        return "fuzz peer";
    }

    @Override
    public void close() {
        // Byte arrays hold no resources.
    }

    byte[] written() {
        synchronized (written) {
            return written.toByteArray();
        }
    }
}
