package org.annexp2p.cli.pairing;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.annexp2p.testkit.process.Command;
import org.annexp2p.testkit.process.RunningCommand;

/** A program the test starts, with stdin kept open for typing a code, output collected; always stopped by close. */
final class PeerProcess implements AutoCloseable {
    private final String name;
    private final RunningCommand running;

    private PeerProcess(String name, RunningCommand running) {
        this.name = name;
        this.running = running;
    }

    static PeerProcess start(String name, List<String> command, Path dir, Map<String, String> env) throws IOException {
        return new PeerProcess(name, Command.of(command).in(dir).env(env).typing().start());
    }

    /** Types a line on the program's stdin, then closes it (as git-annex pipes the code to wormhole). */
    void type(String line) throws IOException {
        running.type(line);
        running.closeInput();
    }

    /** Waits until stderr has a match; returns group 1, or fails showing what was printed. */
    String awaitStderr(Pattern pattern, Duration timeout) throws InterruptedException {
        return running.awaitErr(pattern, timeout);
    }

    /** SIGTERM, as `kill`, systemd or a container's stop sends it; its pipes stay open to hear it stop. */
    void terminate() throws IOException, InterruptedException {
        running.signal("TERM");
    }

    int awaitExit(Duration timeout) throws InterruptedException {
        return running.awaitExit(timeout);
    }

    String stdout() {
        return running.out();
    }

    String stderr() {
        return running.err();
    }

    @Override
    public String toString() {
        return name + " stderr: " + running.err() + " stdout: " + running.out();
    }

    @Override
    public void close() {
        running.close();
    }
}
