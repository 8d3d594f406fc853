package org.annexp2p.testkit.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A started {@link Command}: stdout and stderr captured concurrently, waits bounded, and the whole process tree
 * stopped by {@link #close()} (SIGTERM, then SIGKILL for whatever is left) or by the watchdog at the command's
 * safety bound. Signals go through {@link ProcessHandle}, never {@link Process#destroy()}, which would also close
 * our ends of the pipes and lose what the program says while it stops.
 */
public final class RunningCommand implements AutoCloseable {
    /** How long {@link #close()} lets a program stop on SIGTERM before it is killed. */
    static final Duration GRACE = Duration.ofSeconds(20);

    private final Command command;
    private final Process process;
    private final Optional<Captured> out;
    private final Captured err;
    private final Transcript transcript;
    private final ProcessTree tree;
    /** Ends with the process, or with a timeout at the command's safety bound, which kills it. */
    private final CompletableFuture<Process> watchdog;

    private RunningCommand(Command command, Process process, Optional<OutputStream> log) {
        this.command = command;
        this.process = process;
        this.transcript = new Transcript(log);
        this.tree = new ProcessTree(process.toHandle());
        this.out = command.talks() ? Optional.empty()
                : Optional.of(new Captured(process.getInputStream(), transcript, "stdout of " + command.argv().get(0)));
        this.err = new Captured(process.getErrorStream(), transcript, "stderr of " + command.argv().get(0));
        this.watchdog = process.onExit().orTimeout(command.safety().toMillis(), TimeUnit.MILLISECONDS);
        watchdog.whenComplete((exited, failure) -> {
            if (failure instanceof TimeoutException) {
                killTree();
            }
        });
    }

    static RunningCommand start(Command command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command.argv());
        command.dir().ifPresent(d -> pb.directory(d.toFile()));
        pb.environment().keySet().removeAll(command.unset());
        pb.environment().putAll(command.env());
        Optional<OutputStream> log = Optional.empty();
        if (command.log().isPresent()) {
            log = Optional.of(Files.newOutputStream(command.log().get(), StandardOpenOption.CREATE, StandardOpenOption.APPEND));
        }
        RunningCommand running = new RunningCommand(command, pb.start(), log);
        if (command.stdin() instanceof Stdin.Bytes given) {
            running.feed(given.bytes());
        }
        return running;
    }

    private void feed(byte[] bytes) {
        try (OutputStream in = process.getOutputStream()) {
            in.write(bytes);
        } catch (IOException closedEarly) {
            // A program that does not read all its input (a refusal, say) closed its end first.
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** The process itself, for what a test asks of it beyond this class (its start time, its children). */
    public ProcessHandle handle() {
        return process.toHandle();
    }

    /** Types one line on its standard input (a command started {@link Command#typing()}). */
    public void type(String line) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** Ends its standard input, as a user's Ctrl-D or a hung-up client does. */
    public void closeInput() throws IOException {
        process.getOutputStream().close();
    }

    /** Its standard input, for a test that speaks its protocol. */
    public OutputStream input() {
        return process.getOutputStream();
    }

    /** Its standard output, for a test that speaks its protocol (a command started {@link Command#talking()}). */
    public InputStream output() {
        if (!command.talks()) {
            throw new IllegalStateException("stdout is captured; start the command talking() to read it");
        }
        return process.getInputStream();
    }

    /** What it printed on stdout so far (empty when talking). */
    public String out() {
        return out.map(Captured::text).orElse("");
    }

    public String err() {
        return err.text();
    }

    /** The lines it printed on stderr so far, each with when it arrived. */
    public List<Line> errLines() {
        return err.lines();
    }

    /** Everything it printed, stdout and stderr in the order they arrived (as in its log). */
    public String said() {
        return transcript.text();
    }

    /**
     * The first group (or the whole match) of {@code pattern} in what it printed, on stdout or stderr, once it
     * appears; if it has not within {@code bound} or ended without it, kills it (nothing the test wanted from it will
     * come) and fails, showing its output.
     */
    public String await(Pattern pattern, Duration bound) throws InterruptedException {
        return awaitIn(pattern, bound, true);
    }

    /** As {@link #await}, on stderr alone. */
    public String awaitErr(Pattern pattern, Duration bound) throws InterruptedException {
        return awaitIn(pattern, bound, false);
    }

    private String awaitIn(Pattern pattern, Duration bound, boolean stdoutToo) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            boolean over = System.nanoTime() - deadline >= 0;
            boolean ended = err.ended() && out.map(Captured::ended).orElse(true);
            for (Captured c : stdoutToo && out.isPresent() ? List.of(out.get(), err) : List.of(err)) {
                Matcher m = pattern.matcher(c.text());
                if (m.find()) {
                    return m.groupCount() > 0 ? m.group(1) : m.group();
                }
            }
            if (over || ended) {
                killTree();
                throw new AssertionError(this + (ended ? " ended" : " is still running") + " without printing " + pattern
                        + " (waited up to " + bound + ")" + shown());
            }
            err.awaitChange(Math.min(deadline, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50)));
        }
    }

    /** Its exit code once it exits within {@code bound}; otherwise kills it and fails, showing its output. */
    public int awaitExit(Duration bound) throws InterruptedException {
        if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
            killTree();
            process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError(this + " did not exit within " + bound + shown());
        }
        // Its output ends with it, unless a child it left behind still holds the pipes.
        out.ifPresent(c -> join(c, bound));
        join(err, bound);
        return process.exitValue();
    }

    /**
     * Whether it exits within {@code bound}. Unlike {@link #awaitExit}, one still running is left running and nothing
     * fails: for a test that checks on a long-lived program while it waits for something else.
     */
    public boolean exitsWithin(Duration bound) throws InterruptedException {
        return process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits for its exit as {@link #awaitExit} does; its exit code and all it printed. */
    public Finished finish(Duration bound) throws IOException {
        try {
            int exit = awaitExit(bound);
            return new Finished(toString(), exit, out.map(Captured::bytes).orElse(new byte[0]), err.bytes());
        } catch (InterruptedException e) {
            killTree();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for " + this, e);
        }
    }

    private static void join(Captured c, Duration bound) {
        try {
            c.join(Math.max(1, Math.min(bound.toMillis(), 10_000)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends a signal by name ({@code INT}, {@code TERM}, {@code HUP}, ...) to the program alone, as kill(1) does. */
    public void signal(String name) throws IOException, InterruptedException {
        Finished kill = Command.of("kill", "-" + name, Long.toString(pid())).run();
        if (kill.exit() != 0) {
            throw new AssertionError("kill -" + name + " " + pid() + " failed: " + kill.err());
        }
    }

    /** SIGKILL for it and every process it started; returns once it has exited, with its exit status. */
    public int kill() throws InterruptedException {
        killTree();
        return process.waitFor();
    }

    private void killTree() {
        tree.kill();
    }

    /** SIGTERM, as a user's Ctrl-C or kill would stop it; after a grace period SIGKILL for the whole tree. */
    @Override
    public void close() {
        try {
            tree.terminate();
            if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                killTree();
                process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            killTree();
            watchdog.cancel(false);
            closeTranscript();
        }
    }

    private void closeTranscript() {
        try {
            out.ifPresent(c -> join(c, Duration.ofSeconds(5)));
            join(err, Duration.ofSeconds(5));
            transcript.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String shown() {
        return "\nstdout:\n" + (command.talks() ? "(read by the test)" : out()) + "\nstderr:\n" + err();
    }

    @Override
    public String toString() {
        return command.toString();
    }
}
