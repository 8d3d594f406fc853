package org.annexp2p.cli.lan;

import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.annexp2p.cli.interop.AnnexP2p;

/** The packaged tool running in the background; its output lines can be awaited. Closing kills it. */
final class RunningTool implements AutoCloseable {

    private final Process process;
    private final List<String> args;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final StringBuffer out = new StringBuffer();
    private final StringBuffer err = new StringBuffer();
    private final List<Thread> pumps = new ArrayList<>();

    private RunningTool(Process process, List<String> args) {
        this.process = process;
        this.args = args;
        pumps.add(pump(process.getInputStream(), out));
        pumps.add(pump(process.getErrorStream(), err));
    }

    static RunningTool start(Path dir, String... args) throws IOException {
        return start(dir, ProcessBuilder.Redirect.from(new java.io.File("/dev/null")), args);
    }

    /** Like {@link #start}, with standard input left open for {@link #type}. */
    static RunningTool startAskable(Path dir, String... args) throws IOException {
        return start(dir, ProcessBuilder.Redirect.PIPE, args);
    }

    private static RunningTool start(Path dir, ProcessBuilder.Redirect input, String... args) throws IOException {
        List<String> argv = new ArrayList<>(List.of("java", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", AnnexP2p.jar().toString()));
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).directory(dir.toFile()).redirectInput(input).start();
        return new RunningTool(p, List.of(args));
    }

    /** Types one line on the tool's standard input (started with {@link #startAskable}). */
    void type(String line) throws IOException {
        process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().flush();
    }

    /** The first group of the first output line (stdout or stderr) matching {@code pattern}, within {@code bound}. */
    String await(Pattern pattern, Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
            if (line == null) {
                fail("no line matching " + pattern + " within " + bound + " from annex-p2p " + args + "; stdout:%n%s%nstderr:%n%s", out, err);
            }
            Matcher m = pattern.matcher(line);
            if (m.find()) {
                return m.groupCount() > 0 ? m.group(1) : line;
            }
        }
    }

    /** Waits for the exit within {@code bound}; fails (after killing it) if it runs longer. */
    int exit(Duration bound) throws InterruptedException {
        if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            fail("annex-p2p " + args + " still running after " + bound + "; stdout:%n%s%nstderr:%n%s", out, err);
        }
        for (Thread t : pumps) {
            t.join(5000);
        }
        return process.exitValue();
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private Thread pump(InputStream in, StringBuffer to) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    to.append(line).append('\n');
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // The process ended or was killed; what was read is kept.
            }
        }, "annex-p2p output");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
