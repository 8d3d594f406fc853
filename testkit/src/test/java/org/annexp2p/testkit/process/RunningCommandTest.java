package org.annexp2p.testkit.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunningCommandTest {
    private static final Duration BOUND = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void bothStreamsAreReadWhileItRunsSoAFullPipeNeverBlocksIt() throws Exception {
        // Far more than a pipe holds, on both streams at once: a runner that read one after the other would hang.
        Finished f = Command.of("sh", "-c", "head -c 1000000 /dev/zero; head -c 1000000 /dev/zero >&2; exit 3").run(BOUND);
        assertThat(f.exit()).isEqualTo(3);
        assertThat(f.stdout()).hasSize(1_000_000);
        assertThat(f.stderr()).hasSize(1_000_000);
    }

    @Test
    void itReadsGivenInputInItsDirectoryWithItsEnvironment() throws Exception {
        Finished f = Command.of("sh", "-c", "cat; pwd; echo \"$A${B-unset}\"").in(dir).env("A", "a").without("B")
                .env(java.util.Map.of()).stdin("typed\n").run(BOUND).ok();
        assertThat(f.out()).isEqualTo("typed\n" + dir.toRealPath() + "\naunset\n");
    }

    @Test
    void okFailsShowingWhatItPrinted() {
        assertThatThrownBy(() -> Command.of("sh", "-c", "echo why >&2; exit 1").run(BOUND).ok())
                .isInstanceOf(AssertionError.class).hasMessageContaining("exited 1").hasMessageContaining("why");
    }

    @Test
    void awaitFindsWhatItPrintsAndTypedLinesReachIt() throws Exception {
        try (RunningCommand c = Command.of("sh", "-c", "echo ready on port 4711 >&2; read x; echo got $x").typing().start()) {
            assertThat(c.await(Pattern.compile("port (\\d+)"), BOUND)).isEqualTo("4711");
            c.type("line");
            assertThat(c.await(Pattern.compile("got \\w+"), BOUND)).isEqualTo("got line");
            assertThat(c.awaitExit(BOUND)).isZero();
        }
    }

    @Test
    void awaitFailsAtOnceWhenItEndsWithoutTheText() throws Exception {
        try (RunningCommand c = Command.of("sh", "-c", "echo something else").start()) {
            assertThatThrownBy(() -> c.await(Pattern.compile("never"), Duration.ofMinutes(10)))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("ended").hasMessageContaining("something else");
        }
    }

    @Test
    void aProgramThatNeverPrintsWhatIsAwaitedIsKilled() throws Exception {
        try (RunningCommand c = Command.of("sh", "-c", "echo other; exec sleep 600").start()) {
            assertThatThrownBy(() -> c.await(Pattern.compile("never"), Duration.ofMillis(500)))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("still running").hasMessageContaining("other");
            assertThat(c.awaitExit(BOUND)).isEqualTo(137);
        }
    }

    @Test
    void aProgramThatOutlivesItsBoundIsKilledAndTheTestFails() throws Exception {
        try (RunningCommand c = Command.of("sh", "-c", "echo started; exec sleep 600").start()) {
            assertThatThrownBy(() -> c.awaitExit(Duration.ofMillis(500)))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("did not exit").hasMessageContaining("started");
            assertThat(c.alive()).isFalse();
        }
    }

    @Test
    void theWatchdogKillsAHungProgram() throws Exception {
        try (RunningCommand c = Command.of("sleep", "600").safety(Duration.ofMillis(200)).start()) {
            assertThat(c.awaitExit(BOUND)).as("killed by SIGKILL").isEqualTo(137);
        }
    }

    @Test
    void closeStopsTheWholeTreeEvenAChildThatIgnoresSigterm() throws Exception {
        Path pid = dir.resolve("child.pid");
        RunningCommand c = Command.of("sh", "-c", "sh -c 'trap \"\" TERM; echo $$ > " + pid + "; exec sleep 600' & wait")
                .start();
        ProcessHandle child = awaitPid(pid);
        assertThat(child.isAlive()).isTrue();
        c.close();
        assertThat(child.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS).isAlive()).isFalse();
        assertThat(c.alive()).isFalse();
    }

    @Test
    void aSignalLeavesItsOutputReadable() throws Exception {
        // SIGINT not ignored, as a terminal starts it: a build run as a shell's background job starts with it ignored,
        // the JVM and this sh inherit that, and an ignored signal cannot be trapped, so the sh never stopped.
        try (RunningCommand c = Command.of("env", "--default-signal=INT", "sh", "-c",
                "trap 'echo stopping; exit 130' INT; echo up; while :; do sleep 0.1; done").start()) {
            c.await(Pattern.compile("up"), BOUND);
            c.signal("INT");
            assertThat(c.awaitExit(BOUND)).isEqualTo(130);
            assertThat(c.out()).isEqualTo("up\nstopping\n");
        }
    }

    @Test
    void aTalkingTestReadsItsOutputItselfAndTheLogKeepsStderr() throws Exception {
        Path log = dir.resolve("log");
        try (RunningCommand c = Command.of("sh", "-c", "echo to-log >&2; read x; echo \"echo $x\"").talking().log(log).start()) {
            c.input().write("hi\n".getBytes(StandardCharsets.UTF_8));
            c.input().flush();
            assertThat(new BufferedReader(new InputStreamReader(c.output(), StandardCharsets.UTF_8)).readLine()).isEqualTo("echo hi");
            assertThat(c.awaitExit(BOUND)).isZero();
        }
        assertThat(Files.readString(log)).isEqualTo("to-log\n");
    }

    @Test
    void saidHasBothStreamsInTheOrderTheyArrived() throws Exception {
        String script = "echo one; read x; echo two >&2; read x; echo three";
        try (RunningCommand c = Command.of("sh", "-c", script).typing().start()) {
            c.await(Pattern.compile("one"), BOUND);
            c.type("");
            c.await(Pattern.compile("two"), BOUND);
            c.type("");
            assertThat(c.awaitExit(BOUND)).isZero();
            assertThat(c.said()).isEqualTo("one\ntwo\nthree\n");
            assertThat(c.out()).isEqualTo("one\nthree\n");
            assertThat(c.err()).isEqualTo("two\n");
        }
    }

    @Test
    void killIsSigkill() throws Exception {
        try (RunningCommand c = Command.of("sleep", "600").start()) {
            assertThat(c.kill()).isEqualTo(137);
        }
    }

    @Test
    void errLinesKeepEachLineWithWhenItArrived() throws Exception {
        try (RunningCommand c = Command.of("sh", "-c", "echo first >&2; read x; echo second >&2; printf 'no end' >&2")
                .typing().start()) {
            c.awaitErr(Pattern.compile("first"), BOUND);
            long between = System.nanoTime();
            c.type("");
            assertThat(c.awaitExit(BOUND)).isZero();
            assertThat(c.errLines()).extracting(Line::text).containsExactly("first", "second", "no end");
            assertThat(c.errLines().get(0).arrivedNanos()).isLessThan(between);
            assertThat(c.errLines().get(1).arrivedNanos()).isGreaterThan(between);
            assertThat(c.errLines().get(1).millisSince(between)).isNotNegative();
        }
    }

    @Test
    void exitsWithinLeavesARunningProgramRunning() throws Exception {
        try (RunningCommand c = Command.of("sleep", "600").start()) {
            assertThat(c.exitsWithin(Duration.ofMillis(100))).isFalse();
            assertThat(c.alive()).isTrue();
        }
        try (RunningCommand c = Command.of("sh", "-c", "exit 4").start()) {
            assertThat(c.exitsWithin(BOUND)).isTrue();
            assertThat(c.awaitExit(BOUND)).isEqualTo(4);
        }
    }

    @Test
    void itsHandleIsTheProcess() throws Exception {
        try (RunningCommand c = Command.of("sleep", "600").start()) {
            assertThat(c.handle().pid()).isEqualTo(c.pid());
            assertThat(c.handle().info().startInstant()).isPresent();
            assertThat(c.handle().parent().map(ProcessHandle::pid)).contains(ProcessHandle.current().pid());
        }
    }

    private static ProcessHandle awaitPid(Path file) throws Exception {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(file) && Files.readString(file).endsWith("\n")) {
                return ProcessHandle.of(Long.parseLong(Files.readString(file).strip())).orElseThrow();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the child never wrote its pid");
    }
}
