package org.annexp2p.http.client;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicReference;
import org.annexp2p.transports.Connection;

/**
 * Our end of the pipe to an {@link HttpPeer}: when the other end stopped because of a failure, reading past its end
 * or writing to it fails with that failure's words, as a socket's reset carries its cause. Closing it ends the pipe,
 * then runs {@code finishing}, which waits for the other end to be done with what it was sent.
 */
final class ReportingConnection implements Connection {
    private final Connection pipe;
    private final AtomicReference<String> failure;
    private final String description;
    private final InputStream input;
    private final OutputStream output;
    private final Runnable finishing;

    ReportingConnection(Connection pipe, AtomicReference<String> failure, String description, Runnable finishing) {
        this.pipe = pipe;
        this.finishing = finishing;
        this.failure = failure;
        this.description = description;
        this.input = new FilterInputStream(pipe.input()) {
            @Override
            public int read() throws IOException {
                return checked(guard(() -> in.read()));
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return checked(guard(() -> in.read(b, off, len)));
            }
        };
        this.output = new FilterOutputStream(pipe.output()) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                guard(() -> {
                    out.write(b, off, len);
                    return 0;
                });
            }

            @Override
            public void flush() throws IOException {
                guard(() -> {
                    out.flush();
                    return 0;
                });
            }
        };
    }

    private interface Io {
        int run() throws IOException;
    }

    private int guard(Io io) throws IOException {
        try {
            return io.run();
        } catch (IOException e) {
            String why = failure.get();
            throw why == null ? e : new IOException(why, e);
        }
    }

    private int checked(int n) throws IOException {
        String why = failure.get();
        if (n < 0 && why != null) {
            throw new IOException(why);
        }
        return n;
    }

    @Override
    public InputStream input() {
        return input;
    }

    @Override
    public OutputStream output() {
        return output;
    }

    @Override
    public void shutdownOutput() throws IOException {
        pipe.shutdownOutput();
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void close() {
        pipe.close();
        finishing.run();
    }
}
