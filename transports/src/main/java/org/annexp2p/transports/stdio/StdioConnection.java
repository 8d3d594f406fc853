package org.annexp2p.transports.stdio;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Objects;
import org.annexp2p.transports.Connection;

/**
 * A {@link Connection} over a pair of plain streams, normally this process's standard input and output
 * (what {@code git-annex-shell p2pstdio}-style servers speak over).
 *
 * <p>{@link #ofThisProcess()} takes file descriptors 0 and 1 and points {@link System#out} at standard
 * error, because any stray byte printed on standard output would corrupt the protocol stream.
 *
 * <p>Closing {@link #output()} or calling {@link #shutdownOutput()} closes our standard output, so the peer
 * reads end-of-stream. Limitation: the JDK cannot interrupt a thread blocked reading a pipe, so
 * {@link #close()} makes later reads fail but a read already blocked on standard input ends only when the
 * peer writes or closes its end.
 */
public final class StdioConnection implements Connection {

    private static final int BUFFER = 64 * 1024;
    private static final Object CLAIM_LOCK = new Object();
    private static boolean claimed;

    private final InputStream rawIn;
    private final OutputStream rawOut;
    private final InputStream input;
    private final OutputStream output;
    private final String description;
    private volatile boolean closed;
    private volatile boolean outputShut;

    /** A connection over {@code in} and {@code out}, which it owns and closes. */
    public StdioConnection(InputStream in, OutputStream out, String description) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        this.description = Objects.requireNonNull(description, "description");
        this.rawIn = in;
        this.rawOut = out;
        this.input = new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                ensureOpen();
                return super.read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                ensureOpen();
                return super.read(b, off, len);
            }
        };
        this.output = new FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                ensureWritable();
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                ensureWritable();
                out.write(b, off, len);
            }

            @Override
            public void flush() throws IOException {
                ensureWritable();
                out.flush();
            }

            @Override
            public void close() throws IOException {
                shutdownOutput();
            }
        };
    }

    /**
     * This process's standard input and output as a connection. May be called once per process; from then
     * on {@link System#out} prints to standard error.
     *
     * @throws IllegalStateException if standard output was already claimed
     */
    public static StdioConnection ofThisProcess() {
        synchronized (CLAIM_LOCK) {
            if (claimed) {
                throw new IllegalStateException("standard input/output is already in use by a connection");
            }
            claimed = true;
        }
        System.out.flush();
        // Anything printed from now on goes to stderr and can never corrupt the protocol on fd 1.
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
        InputStream in = new BufferedInputStream(new FileInputStream(FileDescriptor.in), BUFFER);
        OutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), BUFFER);
        return new StdioConnection(in, out, "stdio");
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
        if (outputShut) {
            return;
        }
        outputShut = true;
        try {
            rawOut.flush();
        } finally {
            rawOut.close();
        }
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            shutdownOutput();
        } catch (IOException ignored) {
            // The peer is gone; nothing written can reach it any more.
        }
        try {
            rawIn.close();
        } catch (IOException ignored) {
            // Same: closing our read end cannot lose data we still need.
        }
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException(description + ": connection closed");
        }
    }

    private void ensureWritable() throws IOException {
        ensureOpen();
        if (outputShut) {
            throw new IOException(description + ": output is shut down");
        }
    }
}
