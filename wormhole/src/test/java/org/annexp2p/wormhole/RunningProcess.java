package org.annexp2p.wormhole;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An external program with its output collected; always stopped by {@link #close()}. */
final class RunningProcess implements AutoCloseable {

    private final Process process;
    private final StringBuffer stdout = new StringBuffer();
    private final StringBuffer stderr = new StringBuffer();
    private final Thread outPump;
    private final Thread errPump;
    private final String name;

    private RunningProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        this.outPump = pump(process.getInputStream(), stdout);
        this.errPump = pump(process.getErrorStream(), stderr);
    }

    static RunningProcess start(List<String> command, Path workDir, Map<String, String> env, String stdin) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
        pb.environment().putAll(env);
        try {
            Process p = pb.start();
            if (stdin != null) {
                p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            p.getOutputStream().close();
            return new RunningProcess(command.get(0), p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    private static Thread pump(InputStream in, StringBuffer sink) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[4096];
            try {
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                    sink.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                    synchronized (sink) {
                        sink.notifyAll();
                    }
                }
            } catch (IOException e) {
                // process ended
            }
            synchronized (sink) {
                sink.notifyAll();
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Waits until stderr contains a match of {@code pattern}; returns group 1, or fails with what was printed. */
    String awaitStderr(Pattern pattern, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (stderr) {
            while (true) {
                Matcher m = pattern.matcher(stderr);
                if (m.find()) {
                    return m.group(1);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || (!process.isAlive() && !errPump.isAlive())) {
                    throw new AssertionError(name + " never printed " + pattern + "; stderr: " + stderr + " stdout: " + stdout);
                }
                stderr.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
    }

    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " did not exit within " + timeout + "; stderr: " + stderr);
        }
        outPump.join(timeout.toMillis());
        errPump.join(timeout.toMillis());
        return process.exitValue();
    }

    boolean alive() {
        return process.isAlive();
    }

    String stdout() {
        return stdout.toString();
    }

    String stderr() {
        return stderr.toString();
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
