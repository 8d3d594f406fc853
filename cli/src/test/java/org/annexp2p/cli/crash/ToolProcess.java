package org.annexp2p.cli.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.annexp2p.cli.interop.AnnexP2p;

/**
 * The packaged tool as a process of its own: {@code java} itself, never a shell around it, so that SIGKILL hits
 * the JVM that holds the files open. Its stderr (and, for commands, stdout) go to a log file. A watchdog kills a
 * process that outlives a generous bound, so a hang fails the test (as an unexpected exit) instead of stalling CI.
 */
final class ToolProcess {
    /** 128 + SIGKILL(9): how Java reports a process ended by SIGKILL. */
    static final int KILLED = 137;
    private static final long WATCHDOG_SECONDS = 120;
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "crash-watchdog");
        t.setDaemon(true);
        return t;
    });

    final Process process;
    final Path log;
    private final ScheduledFuture<?> watchdog;

    private ToolProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
        this.watchdog = WATCHDOG.schedule(process::destroyForcibly, WATCHDOG_SECONDS, TimeUnit.SECONDS);
    }

    /** Starts the tool; with {@code pipedStdout} the test speaks to it over stdin/stdout. */
    static ToolProcess start(Path dir, Path log, Map<String, String> env, boolean pipedStdout, String... args)
            throws IOException {
        List<String> argv = new ArrayList<>(List.of("java", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar",
                AnnexP2p.jar().toString()));
        argv.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile()).redirectError(Redirect.appendTo(log.toFile()));
        if (!pipedStdout) {
            pb.redirectOutput(Redirect.appendTo(log.toFile())).redirectInput(Redirect.from(Path.of("/dev/null").toFile()));
        }
        pb.environment().putAll(env);
        return new ToolProcess(pb.start(), log);
    }

    /** SIGKILL (destroyForcibly on Linux), and proof that it was one: the exit status says signal 9. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        assertThat(exit()).as("exit status of a process killed with SIGKILL; log:%n%s", logText()).isEqualTo(KILLED);
    }

    int exit() throws InterruptedException {
        int code = process.waitFor();
        watchdog.cancel(false);
        return code;
    }

    String logText() {
        try {
            String s = Files.readString(log, StandardCharsets.UTF_8);
            return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
