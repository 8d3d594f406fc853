package org.annexp2p.transports.stdio;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.annexp2p.transports.BulkInputStream;
import org.annexp2p.transports.Connection;
import org.annexp2p.transports.GuardedInputStream;
import org.annexp2p.transports.GuardedOutputStream;
import org.annexp2p.transports.FileSender;

/**
 * A {@link Connection} over a pair of plain streams, normally this process's standard input and output
 * (what {@code git-annex-shell p2pstdio}-style servers speak over).
 *
 * <p>{@link #ofThisProcess()} takes file descriptors 0 and 1 and points {@link System#out} at standard
 * error, because any stray byte printed on standard output would corrupt the protocol stream.
 *
 * <p>Closing {@link #output()} or calling {@link #shutdownOutput()} closes our standard output, so the peer
 * reads end-of-stream. {@link #close()} aborts a read blocked on standard input, flushes what was written
 * (bounded) and closes standard output.
 */
public final class StdioConnection implements Connection {

    private static final int BUFFER = 64 * 1024;
    private static final Object CLAIM_LOCK = new Object();
    private static boolean claimed;

    private static final long CLOSE_FLUSH_SECONDS = 5;

    private final InputStream rawIn;
    private final OutputStream rawOut;
    private final Closeable inputChannel;
    private final Closeable outputChannel;
    private final InputStream input;
    private final OutputStream output;
    private final String description;
    private final Optional<FileSender> direct;
    private volatile boolean closed;
    private volatile boolean outputShut;

    /** A connection over {@code in} and {@code out}, which it owns and closes. */
    public StdioConnection(InputStream in, OutputStream out, String description) {
        this(in, out, description, () -> { }, () -> { }, Optional.empty());
    }

    /**
     * {@code inputChannel} / {@code outputChannel}, when closed, must abort a read / write blocked on the
     * streams (interruptible NIO channels do); close() uses them so it never waits on a stuck peer.
     */
    private StdioConnection(InputStream in, OutputStream out, String description, Closeable inputChannel, Closeable outputChannel,
            Optional<FileSender> direct) {
        this.direct = direct;
        this.inputChannel = inputChannel;
        this.outputChannel = outputChannel;
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        this.description = Objects.requireNonNull(description, "description");
        this.rawIn = in;
        this.rawOut = out;
        this.input = new GuardedInputStream(in, this::ensureOpen);
        this.output = new GuardedOutputStream(out, this::ensureWritable) {
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
        // NIO channels rather than plain file streams: closing a FileChannel aborts a read or write another
        // thread is blocked in, which is what lets close() unblock them on a pipe.
        FileInputStream stdinStream = new FileInputStream(FileDescriptor.in);
        FileChannel stdin = stdinStream.getChannel();
        FileChannel stdout = new FileOutputStream(FileDescriptor.out).getChannel();
        InputStream in = new BufferedInputStream(new PipeInput(stdin, stdinStream), BUFFER);
        OutputStream out = new BufferedOutputStream(Channels.newOutputStream(stdout), BUFFER);
        return new StdioConnection(in, out, "stdio", stdin, stdout, Optional.of(FileSender.to(stdout)));
    }

    @Override
    public InputStream input() {
        return input;
    }

    @Override
    public OutputStream output() {
        return output;
    }

    /** Into standard output's channel, for {@link #ofThisProcess()}: a GET then sends the object with sendfile. */
    @Override
    public Optional<FileSender> fileSender() {
        return outputShut || closed ? Optional.empty() : direct;
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
        closeQuietly(inputChannel);
        closeQuietly(rawIn);
        // Flushing waits for a writer blocked on a full pipe (the buffered stream's lock), so it runs on a
        // helper thread; if the peer does not drain in time, closing the channel aborts both.
        Thread flusher = new Thread(() -> {
            try {
                shutdownOutput();
            } catch (IOException ignored) {
                // The peer is gone; nothing written can reach it any more.
            }
        }, "close " + description);
        flusher.setDaemon(true);
        flusher.start();
        try {
            flusher.join(TimeUnit.SECONDS.toMillis(CLOSE_FLUSH_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (flusher.isAlive()) {
            closeQuietly(outputChannel);
        }
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException ignored) {
            // Closing is the last thing done with this stream; there is nothing left to recover.
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

    /**
     * Reads a channel that may be a pipe. The JDK's {@code Channels.newInputStream} answers
     * {@code available()} by seeking, which fails on pipes ("Illegal seek"); this one asks the kernel how many
     * bytes the pipe holds (the file stream's FIONREAD), so that a buffered reader above keeps reading what has
     * already arrived instead of returning each pipe-load (at most 64 KiB, often less) on its own: a PUT then
     * writes, hashes and hands over fewer, larger chunks, with fewer system calls and thread wake-ups.
     */
    private static final class PipeInput extends BulkInputStream {

        private final FileChannel channel;
        /** The same file descriptor as {@link #channel}, used only for {@link #available()}. */
        private final FileInputStream sameFile;

        PipeInput(FileChannel channel, FileInputStream sameFile) {
            this.channel = channel;
            this.sameFile = sameFile;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            int n;
            do {
                n = channel.read(java.nio.ByteBuffer.wrap(b, off, len));
            } while (n == 0);
            return n;
        }

        @Override
        public int available() {
            try {
                return sameFile.available();
            } catch (IOException closedOrUnsupported) {
                // Reading will say what is wrong; "nothing waiting" only ends a buffered read early.
                return 0;
            }
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
