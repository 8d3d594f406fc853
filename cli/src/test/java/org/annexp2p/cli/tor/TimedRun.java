package org.annexp2p.cli.tor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One process of a timed sequence: each line it writes to stderr is kept with the time it arrived, counted from a
 * common origin, so the phases of a command can be read off its own messages.
 */
final class TimedRun implements AutoCloseable {

    /** A line of stderr and when it arrived, in milliseconds since the origin. */
    record Line(long atMillis, String text) {}

    private final Process process;
    private final long origin;
    private final List<Line> lines = new ArrayList<>();
    private final StringBuilder out = new StringBuilder();
    private final Thread errReader;
    private final Thread outReader;

    private TimedRun(Process process, long origin) {
        this.process = process;
        this.origin = origin;
        this.errReader = reader(process.getErrorStream(), text -> {
            synchronized (lines) {
                lines.add(new Line((System.nanoTime() - origin) / 1_000_000, text));
                lines.notifyAll();
            }
        });
        this.outReader = reader(process.getInputStream(), text -> {
            synchronized (out) {
                out.append(text).append('\n');
            }
        });
    }

    static TimedRun start(List<String> argv, Map<String, String> env, long origin) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().putAll(env);
        return new TimedRun(pb.start(), origin);
    }

    /** Waits for the exit (bounded) and returns the exit code; the output has all been read by then. */
    int await(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("still running after " + seconds + " s:\n" + stderr());
        }
        errReader.join(10_000);
        outReader.join(10_000);
        return process.exitValue();
    }

    long exitedAtMillis() {
        return (System.nanoTime() - origin) / 1_000_000;
    }

    /** The first stderr line containing {@code text}, waiting for it up to {@code seconds}. */
    Line awaitLine(String text, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        synchronized (lines) {
            while (true) {
                Optional<Line> l = line(text);
                if (l.isPresent()) {
                    return l.get();
                }
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0 || (!process.isAlive() && !errReader.isAlive())) {
                    throw new AssertionError("no line with '" + text + "'; stderr:\n" + stderr());
                }
                lines.wait(Math.min(left, 200));
            }
        }
    }

    Optional<Line> line(String text) {
        synchronized (lines) {
            return lines.stream().filter(l -> l.text().contains(text)).findFirst();
        }
    }

    String stdout() {
        synchronized (out) {
            return out.toString();
        }
    }

    String stderr() {
        synchronized (lines) {
            StringBuilder b = new StringBuilder();
            lines.forEach(l -> b.append(String.format("%7d ms  %s%n", l.atMillis(), l.text())));
            return b.toString();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static Thread reader(java.io.InputStream in, java.util.function.Consumer<String> each) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    each.accept(line);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "timed-run reader");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
