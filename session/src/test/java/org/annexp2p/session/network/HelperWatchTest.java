package org.annexp2p.session.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.annexp2p.testkit.peers.StandInScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class HelperWatchTest {
    @TempDir
    Path tmp;

    @Test
    void aHelperThatExitsOrIsKilledIsRestartedAndItsFirstExitToldOnce() throws Exception {
        Path runs = tmp.resolve("runs");
        // Exits at once twice, then stays up: restarted each time, told only the first time.
        Path script = StandInScript.write(tmp.resolve("helper"), "#!/bin/sh\necho $$ >> '" + runs + "'\n"
                + "[ $(wc -l < '" + runs + "') -le 2 ] && exit 4\nexec sleep 600\n");
        List<String> notices = new CopyOnWriteArrayList<>();
        try (HelperWatch watch = new HelperWatch(List.of(script.toString()), tmp, "git-annex-p2p-testnet", notices::add)) {
            watch.start();
            awaitRuns(runs, 3);
            long third = Long.parseLong(Files.readAllLines(runs).get(2));
            ProcessHandle.of(third).ifPresent(ProcessHandle::destroy);
            awaitRuns(runs, 4);
            assertThat(notices).containsExactly("git-annex-p2p-testnet exited with code 4; restarting it");
            long fourth = Long.parseLong(Files.readAllLines(runs).get(3));
            awaitAlive(watch, fourth);
            watch.close();
            assertThat(ProcessHandle.of(fourth).map(p -> {
                try {
                    p.onExit().get(10, TimeUnit.SECONDS);
                    return p.isAlive();
                } catch (Exception e) {
                    return true;
                }
            }).orElse(false)).as("stopped with the watch").isFalse();
            assertThat(Files.readAllLines(runs)).as("not restarted once closed").hasSize(4);
        }
    }

    private static void awaitRuns(Path runs, int n) throws Exception {
        for (int i = 0; i < 3000 && (!Files.exists(runs) || Files.readAllLines(runs).size() < n); i++) {
            Thread.sleep(10);
        }
        assertThat(Files.readAllLines(runs)).hasSizeGreaterThanOrEqualTo(n);
    }

    private static void awaitAlive(HelperWatch watch, long pid) throws Exception {
        for (int i = 0; i < 3000 && watch.pid().orElse(-1) != pid; i++) {
            Thread.sleep(10);
        }
        assertThat(watch.pid()).hasValue(pid);
    }
}
