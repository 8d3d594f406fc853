package org.annexp2p.cli.lan;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.annexp2p.cli.interop.AnnexP2p;
import org.annexp2p.testkit.process.Command;
import org.annexp2p.testkit.process.RunningCommand;

/**
 * The packaged tool running in the background; its output lines can be awaited one after another (a second await
 * of the same pattern waits for its next line). Closing stops it.
 */
final class RunningTool implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(20);

    private final RunningCommand running;
    /** Complete lines of stdout and stderr already looked at by {@link #await}. */
    private int outSeen;
    private int errSeen;

    private RunningTool(RunningCommand running) {
        this.running = running;
    }

    static RunningTool start(Path dir, String... args) throws IOException {
        return new RunningTool(command(dir, args).start());
    }

    /** Like {@link #start}, with standard input left open for {@link #type}. */
    static RunningTool startAskable(Path dir, String... args) throws IOException {
        return new RunningTool(command(dir, args).typing().start());
    }

    private static Command command(Path dir, String... args) {
        List<String> argv = new ArrayList<>(List.of("java", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", AnnexP2p.jar().toString()));
        argv.addAll(List.of(args));
        return Command.of(argv).in(dir);
    }

    /** Types one line on the tool's standard input (started with {@link #startAskable}). */
    void type(String line) throws IOException {
        running.type(line);
    }

    /**
     * The first group of the next complete output line (stdout or stderr) matching {@code pattern}, within
     * {@code bound}; lines looked at before are not looked at again.
     */
    String await(Pattern pattern, Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            boolean ended = !running.alive();
            if (ended) {
                running.awaitExit(Duration.ofSeconds(10)); // and the last of its output
            }
            List<String> out = lines(running.out());
            List<String> err = lines(running.err());
            for (; outSeen < out.size(); outSeen++) {
                Matcher m = pattern.matcher(out.get(outSeen));
                if (m.find()) {
                    outSeen++;
                    return m.groupCount() > 0 ? m.group(1) : m.group();
                }
            }
            for (; errSeen < err.size(); errSeen++) {
                Matcher m = pattern.matcher(err.get(errSeen));
                if (m.find()) {
                    errSeen++;
                    return m.groupCount() > 0 ? m.group(1) : m.group();
                }
            }
            if (ended || System.nanoTime() - deadline >= 0) {
                fail("no line matching " + pattern + " within " + bound + " from " + running + "; stdout:%n%s%nstderr:%n%s",
                        running.out(), running.err());
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** Only lines ended by a newline: a line still being written could match a pattern with half its text. */
    private static List<String> lines(String text) {
        int end = text.lastIndexOf('\n');
        return end < 0 ? List.of() : text.substring(0, end).lines().toList();
    }

    /** Waits for the exit within {@code bound}; fails (after killing it) if it runs longer. */
    int exit(Duration bound) throws InterruptedException {
        return running.awaitExit(bound);
    }

    String out() {
        return running.out();
    }

    String err() {
        return running.err();
    }

    @Override
    public void close() {
        running.close();
    }
}
