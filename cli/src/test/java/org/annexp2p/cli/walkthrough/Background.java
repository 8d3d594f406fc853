package org.annexp2p.cli.walkthrough;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.annexp2p.cli.interop.AnnexP2p;

/** The tool running in its own process while the test does other things (a server, a wormhole sender); stdout and stderr go to one log. */
final class Background implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final String command;

    private Background(Process process, Path log, String command) {
        this.process = process;
        this.log = log;
        this.command = command;
    }

    static Background start(Path dir, Path log, Map<String, String> env, String... args) throws IOException {
        List<String> argv = new ArrayList<>(List.of("java", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar",
                AnnexP2p.jar().toString()));
        argv.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().putAll(env);
        return new Background(pb.start(), log, "annex-p2p " + String.join(" ", args));
    }

    /** Group 1 of the first match of {@code pattern} in what the process printed, once it appears (bounded). */
    String await(Pattern pattern, Duration bound) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = pattern.matcher(said());
            if (m.find()) {
                return m.group(1);
            }
            if (!process.isAlive()) {
                m = pattern.matcher(said());
                if (m.find()) {
                    return m.group(1);
                }
                break;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(command + " never printed " + pattern + " (alive: " + process.isAlive() + "):\n" + said());
    }

    int awaitExit(Duration bound) throws InterruptedException, IOException {
        if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(command + " did not exit within " + bound + ":\n" + said());
        }
        return process.exitValue();
    }

    String said() throws IOException {
        return Files.readString(log);
    }

    String command() {
        return command;
    }

    /** Stops it as a user's Ctrl-C or kill would (SIGTERM), then forcibly if it lingers. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
