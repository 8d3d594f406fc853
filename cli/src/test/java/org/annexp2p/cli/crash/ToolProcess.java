package org.annexp2p.cli.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.annexp2p.cli.interop.AnnexP2p;
import org.annexp2p.testkit.process.Command;
import org.annexp2p.testkit.process.RunningCommand;

/**
 * The packaged tool as a process of its own: {@code java} itself, never a shell around it, so that SIGKILL hits
 * the JVM that holds the files open. Its stderr (and, for commands, stdout) go to a log file shared by the rounds. A
 * watchdog kills a process that outlives a generous bound, so a hang fails the test (as an unexpected exit) instead
 * of stalling CI.
 */
final class ToolProcess {
    /** 128 + SIGKILL(9): how Java reports a process ended by SIGKILL. */
    static final int KILLED = 137;
    private static final Duration WATCHDOG = Duration.ofSeconds(120);

    final RunningCommand process;
    final Path log;

    private ToolProcess(RunningCommand process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts the tool; with {@code pipedStdout} the test speaks to it over stdin/stdout. */
    static ToolProcess start(Path dir, Path log, Map<String, String> env, boolean pipedStdout, String... args)
            throws IOException {
        Command c = AnnexP2p.command(args).in(dir).env(env).log(log).safety(WATCHDOG);
        return new ToolProcess((pipedStdout ? c.talking() : c).start(), log);
    }

    /** SIGKILL, and proof that it was one: the exit status says signal 9. */
    void kill() throws InterruptedException {
        assertThat(process.kill()).as("exit status of a process killed with SIGKILL; log:%n%s", logText()).isEqualTo(KILLED);
    }

    int exit() throws InterruptedException {
        return process.awaitExit(WATCHDOG);
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
