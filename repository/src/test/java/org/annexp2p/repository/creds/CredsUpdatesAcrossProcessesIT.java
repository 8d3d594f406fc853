package org.annexp2p.repository.creds;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.testkit.process.Command;
import org.annexp2p.testkit.process.RunningCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two programs updating one repository's {@code p2pauth} at once (a pairing while {@code p2p --gen-addresses} runs,
 * say): each change is a read, a change and a write, and without a lock held across all three the last writer would
 * silently drop what the other just added. File locks are held per process, so only processes can show it.
 */
class CredsUpdatesAcrossProcessesIT {
    private static final int PROCESSES = 3;
    private static final int EACH = 20;
    private static final Duration BOUND = Duration.ofMinutes(2);

    @TempDir
    Path tmp;

    @Test
    void everyTokenAddedByConcurrentProcessesSurvives() throws Exception {
        Path dir = tmp.resolve("annex").resolve("creds");
        List<RunningCommand> running = new ArrayList<>();
        try {
            for (int p = 0; p < PROCESSES; p++) {
                RunningCommand c = Command.java("-cp", System.getProperty("java.class.path"),
                        TokenAcceptingProcess.class.getName(), dir.toString(), "process" + p + "token", "" + EACH)
                        .typing().start();
                running.add(c);
                c.await(Pattern.compile("ready"), BOUND);
            }
            for (RunningCommand c : running) {
                c.type("go");
            }
            for (RunningCommand c : running) {
                assertThat(c.awaitExit(BOUND)).as(c.err()).isZero();
            }
        } finally {
            running.forEach(RunningCommand::close);
        }
        List<String> accepted = new CredsDir(dir).acceptedTokens().stream().map(AuthToken::reveal).toList();
        List<String> expected = new ArrayList<>();
        for (int p = 0; p < PROCESSES; p++) {
            for (int i = 0; i < EACH; i++) {
                expected.add("process" + p + "token" + i);
            }
        }
        assertThat(accepted).containsExactlyInAnyOrderElementsOf(expected);
    }
}
