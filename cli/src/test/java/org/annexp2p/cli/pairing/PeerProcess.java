package org.annexp2p.cli.pairing;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A program the test starts, with stdin kept open for typing a code, output collected; always stopped by close. */
final class PeerProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final StringBuffer stdout = new StringBuffer();
    private final StringBuffer stderr = new StringBuffer();
    private final Thread outPump;
    private final Thread errPump;

    private PeerProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        this.outPump = pump(process.getInputStream(), stdout);
        this.errPump = pump(process.getErrorStream(), stderr);
    }

    static PeerProcess start(String name, List<String> command, Path dir, Map<String, String> env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().putAll(env);
        return new PeerProcess(name, pb.start());
    }

    /** Fails naming the Debian package when a peer program is not on PATH. */
    static Path require(String program, String debianPackage) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return fail("interop peer missing: program '" + program + "' (Debian package " + debianPackage + ") is not on PATH");
    }

    private static Thread pump(InputStream in, StringBuffer sink) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[4096];
            try (in) {
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                    sink.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                    synchronized (sink) {
                        sink.notifyAll();
                    }
                }
            } catch (IOException e) {
                // The process ended.
            }
            synchronized (sink) {
                sink.notifyAll();
            }
        }, "peer-output");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Types a line on the program's stdin, then closes it (as git-annex pipes the code to wormhole). */
    void type(String line) throws IOException {
        try (OutputStream in = process.getOutputStream()) {
            in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Waits until stderr has a match; returns group 1, or fails showing what was printed. */
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

    /**
     * SIGTERM, as `kill`, systemd or a container's stop sends it. Sent with kill(1), not Process.destroy(), which also
     * closes our ends of the program's pipes: its stdin would end and what it says while stopping would be lost.
     */
    void terminate() throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new AssertionError("kill -TERM " + process.pid() + " failed");
        }
    }

    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " did not exit within " + timeout + "; stderr: " + stderr + " stdout: " + stdout);
        }
        outPump.join(timeout.toMillis());
        errPump.join(timeout.toMillis());
        return process.exitValue();
    }

    String stdout() {
        return stdout.toString();
    }

    String stderr() {
        return stderr.toString();
    }

    @Override
    public String toString() {
        return name + " stderr: " + stderr + " stdout: " + stdout;
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
