package org.annexp2p.transports.stdio;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.annexp2p.transports.Connection;
import org.annexp2p.transports.FileSender;

/**
 * A {@link Connection} to a spawned command, over its standard input and output (e.g.
 * {@code git-annex-shell p2pstdio /repo UUID}). Its standard error goes to ours or to a line consumer. Its
 * standard input is a named pipe we write through a channel where one can be made ({@link FifoStdin}), so that
 * {@link #fileSender()} can take file content by sendfile; otherwise the JDK's pipe.
 *
 * <p>{@link #shutdownOutput()} (or closing {@link #output()}) closes the command's standard input.
 * {@link #close()} closes standard input, waits up to the grace period for the command to exit, then
 * destroys it (forcibly if it ignores that); every wait is bounded, and a thread blocked reading or
 * writing is released once the command is gone. The {@link #description()} names only the program, never
 * its arguments, which may carry secrets.
 */
public final class CommandConnection implements Connection {

    private static final Duration DESTROY_WAIT = Duration.ofSeconds(5);
    /** As the JDK's own buffer for a child's stdin. */
    private static final int STDIN_BUFFER = 8192;

    private final Process process;
    private final CommandOptions options;
    private final String description;
    private final Thread stderrPump;
    private final OutputStream stdin;
    private final FileChannel stdinChannel;
    private final OutputStream output;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean outputShut;

    private CommandConnection(Process process, CommandOptions options, String description, Thread stderrPump, FileChannel stdinChannel) {
        this.process = process;
        this.options = options;
        this.description = description;
        this.stderrPump = stderrPump;
        this.stdinChannel = stdinChannel;
        this.stdin = stdinChannel == null ? process.getOutputStream()
                : new BufferedOutputStream(Channels.newOutputStream(stdinChannel), STDIN_BUFFER);
        this.output = new java.io.FilterOutputStream(stdin) {
            @Override
            public void write(int b) throws IOException {
                ensureWritable();
                stdin.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                ensureWritable();
                stdin.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                shutdownOutput();
            }
        };
    }

    /** Starts {@code argv} with {@link CommandOptions#defaults()}. */
    public static CommandConnection start(List<String> argv) throws IOException {
        return start(argv, CommandOptions.defaults());
    }

    /**
     * Starts {@code argv} (program first, no shell involved).
     *
     * @throws IOException naming the program if it cannot be started
     */
    public static CommandConnection start(List<String> argv, CommandOptions options) throws IOException {
        Objects.requireNonNull(options, "options");
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        ProcessBuilder builder = new ProcessBuilder(List.copyOf(argv));
        options.directory().ifPresent(dir -> builder.directory(dir.toFile()));
        builder.environment().putAll(options.environment());
        builder.redirectError(options.stderrLines().isPresent() ? ProcessBuilder.Redirect.PIPE : ProcessBuilder.Redirect.INHERIT);
        String program = argv.get(0);
        Optional<FifoStdin> fifo = FifoStdin.prepare();
        fifo.ifPresent(f -> builder.redirectInput(f.file()));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            fifo.ifPresent(FifoStdin::abandon);
            throw new IOException("cannot start command '" + program + "': " + reason(e), e);
        }
        FileChannel stdinChannel = null;
        if (fifo.isPresent()) {
            try {
                stdinChannel = fifo.get().openWriter();
            } catch (IOException e) {
                process.destroyForcibly();
                throw new IOException("cannot open the standard input of '" + program + "': " + e.getMessage(), e);
            }
        }
        Thread pump = null;
        if (options.stderrLines().isPresent()) {
            var consumer = options.stderrLines().get();
            pump = new Thread(() -> pumpLines(process.getErrorStream(), consumer), "stderr of " + program);
            pump.setDaemon(true);
            pump.start();
        }
        return new CommandConnection(process, options, "command " + program + " (pid " + process.pid() + ")", pump, stdinChannel);
    }

    @Override
    public InputStream input() {
        return process.getInputStream();
    }

    @Override
    public OutputStream output() {
        return output;
    }

    /** Our end of the command's standard input (a named pipe), when one could be made: see {@link FifoStdin}. */
    @Override
    public Optional<FileSender> fileSender() {
        return outputShut || stdinChannel == null ? Optional.empty() : Optional.of(FileSender.to(stdinChannel));
    }

    @Override
    public void shutdownOutput() throws IOException {
        if (outputShut) {
            return;
        }
        outputShut = true;
        stdin.close();
    }

    @Override
    public String description() {
        return description;
    }

    public long pid() {
        return process.pid();
    }

    /** The exit code, if the command has exited. */
    public OptionalInt exitCode() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    /** Waits up to {@code timeout} for the command to exit; returns its exit code, or empty if still running. */
    public OptionalInt waitFor(Duration timeout) throws InterruptedIOException {
        try {
            if (process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                return OptionalInt.of(process.exitValue());
            }
            return OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for " + description);
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closeStdinAsync();
        boolean interrupted = false;
        try {
            if (!process.waitFor(options.closeGrace().toNanos(), TimeUnit.NANOSECONDS)) {
                process.destroy();
                if (!process.waitFor(DESTROY_WAIT.toNanos(), TimeUnit.NANOSECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(DESTROY_WAIT.toNanos(), TimeUnit.NANOSECONDS);
                }
            }
        } catch (InterruptedException e) {
            interrupted = true;
            process.destroyForcibly();
        }
        try {
            process.getInputStream().close();
        } catch (IOException ignored) {
            // The command is gone; its output has nowhere left to go.
        }
        if (stderrPump != null) {
            try {
                stderrPump.join(DESTROY_WAIT.toMillis());
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return description;
    }

    private void ensureWritable() throws IOException {
        if (outputShut) {
            throw new IOException(description + ": output is shut down");
        }
    }

    /**
     * Closing the JDK's buffered stdin stream waits for its monitor, which a writer blocked on a full pipe
     * holds until the command reads or dies; doing it on a helper thread keeps close() bounded.
     */
    private void closeStdinAsync() {
        Thread closer = new Thread(() -> {
            try {
                shutdownOutput();
            } catch (IOException ignored) {
                // The command already closed its end; that is what we wanted.
            }
        }, "close stdin of " + description);
        closer.setDaemon(true);
        closer.start();
    }

    private static void pumpLines(InputStream stderr, java.util.function.Consumer<String> consumer) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stderr, StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                consumer.accept(line);
            }
        } catch (IOException ignored) {
            // The command's stderr closed under us while it was being destroyed.
        }
    }

    private static String reason(IOException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        String message = (cause.getMessage() == null ? String.valueOf(e.getMessage()) : cause.getMessage()).trim();
        // JDK 17 says "error=2, No such file or directory"; JDK 25 "Exec failed, error: 2 (No such file or directory)".
        java.util.regex.Matcher parenthesised = java.util.regex.Pattern.compile("error: ?\\d+ \\((.+)\\)$").matcher(message);
        if (parenthesised.find()) {
            return parenthesised.group(1);
        }
        int comma = message.indexOf(", ");
        return message.startsWith("error=") && comma > 0 ? message.substring(comma + 2) : message;
    }
}
