package org.annexp2p.tor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.annexp2p.testkit.process.Command;
import org.annexp2p.testkit.process.RunningCommand;
import org.annexp2p.tor.TorException.Reason;
import org.annexp2p.tor.control.TorEvent;
import org.annexp2p.tor.testing.TorProcesses;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21, part 1, on tors without network: launched tors of different state directories (repositories) run
 * at once; one state directory has one owner; a tor whose owner is gone is stopped; a tor that exits is
 * explained in tor's own words, with its log's path.
 */
class LaunchedTorStateIT {

    @AfterAll
    static void noTorLeaked() {
        assertThat(TorProcesses.torChildren(Set.of())).as("tor processes left running").isEmpty();
    }

    @Test
    void launchesForTwoStateDirectoriesRunAtOnce(@TempDir Path dir) throws Exception {
        try (TorSession a = TorSession.open(TorSessionIT.offline(Files.createDirectories(dir.resolve("a"))));
                TorSession b = TorSession.open(TorSessionIT.offline(Files.createDirectories(dir.resolve("b"))))) {
            assertThat(a.torPid()).isPresent();
            assertThat(b.torPid()).isPresent().isNotEqualTo(a.torPid());
            assertThat(a.control().getInfo("version")).isNotBlank();
            assertThat(b.control().getInfo("version")).isNotBlank();
        }
    }

    @Test
    void aSecondLaunchInTheSameStateDirectorySaysWhoHasIt(@TempDir Path dir) throws Exception {
        TorOptions o = TorSessionIT.offline(dir);
        try (TorSession first = TorSession.open(o)) {
            assertThatThrownBy(() -> TorSession.open(o)).isInstanceOf(TorException.class)
                    .hasMessageContaining("tor's state directory " + o.stateDir() + " is in use by another annex-p2p (pid "
                            + ProcessHandle.current().pid() + ")")
                    .extracting(e -> ((TorException) e).reason()).isEqualTo(Reason.IN_USE);
            assertThat(first.control().getInfo("version")).as("the first is unharmed").isNotBlank();
        }
        try (TorSession again = TorSession.open(o)) {
            assertThat(again.torPid()).as("closing the first frees the directory").isPresent();
        }
    }

    /** A tor left running in the state directory by an owner that is gone is stopped, and the launch goes on. */
    @Test
    void aTorLeftBehindByAVanishedOwnerIsStopped(@TempDir Path dir) throws Exception {
        TorOptions o = TorSessionIT.offline(dir);
        try (RunningCommand leftover = foreignTor(o.stateDir(), o.stateDir().resolve("torrc"))) {
            assertThat(Files.exists(o.stateDir().resolve("tor.pid"))).isTrue();
            try (TorSession s = TorSession.open(o)) {
                assertThat(s.stoppedLeftover()).contains(leftover.pid());
                assertThat(leftover.exitsWithin(Duration.ofSeconds(10))).as("the leftover tor exited").isTrue();
                assertThat(s.control().getInfo("version")).isNotBlank();
            }
        }
    }

    /**
     * A tor that is not ours (not started with this directory's torrc) holds the data directory: tor's reason
     * is quoted, not "lost the control connection ... is tor still running?".
     */
    @Test
    void aTorThatExitsDuringStartUpIsExplainedInItsOwnWordsWithItsLog(@TempDir Path dir) throws Exception {
        TorOptions o = TorSessionIT.offline(dir);
        try (RunningCommand foreign = foreignTor(o.stateDir(), dir.resolve("foreign.torrc"))) {
            assertThatThrownBy(() -> TorSession.open(o)).isInstanceOf(TorException.class)
                    .hasMessageContaining("tor exited during start-up (exit status 1: It looks like another Tor process is"
                            + " running with the same data directory.")
                    .hasMessageContaining("No, it's still there. Exiting.")
                    .hasMessageEndingWith("its log: " + o.stateDir().resolve("tor.log").toAbsolutePath())
                    .hasMessageNotContaining("lost the control connection");
            assertThat(foreign.alive()).as("a tor that is not ours is left alone").isTrue();
        }
    }

    @Test
    void aKilledTorIsReportedWithItsReasonThenRecoveredWithItsTiming(@TempDir Path dir) throws Exception {
        try (TorSession tor = TorSession.open(TorSessionIT.offline(dir))) {
            LinkedBlockingQueue<TorEvent> events = new LinkedBlockingQueue<>();
            tor.addListener(events::add);
            ProcessHandle.of(tor.torPid().orElseThrow()).orElseThrow().destroyForcibly();
            TorEvent.Restarting restarting = TorSessionIT.awaitEvent(events, TorEvent.Restarting.class);
            assertThat(restarting.why()).isEqualTo("tor exited (killed by signal 9)");
            assertThat(restarting.relaunch()).isTrue();
            TorEvent.Recovered recovered = TorSessionIT.awaitEvent(events, TorEvent.Recovered.class);
            assertThat(recovered.took()).isPositive();
            assertThat(TorEventLine.of(restarting)).contains("tor exited (killed by signal 9); restarting it");
            assertThat(TorEventLine.of(recovered).orElseThrow()).startsWith("tor relaunched at ")
                    .contains(", onion re-published ").endsWith(" s after tor went away");
        }
    }

    /** Whether /proc/locks lists a lock of {@code pid} on {@code file} ("4: FLOCK ADVISORY WRITE PID MAJ:MIN:INODE 0 EOF"). */
    private static boolean holdsLock(long pid, Path file) throws IOException {
        if (!Files.exists(file)) {
            return false;
        }
        String inode = ":" + Files.getAttribute(file, "unix:ino") + " ";
        String owner = " " + pid + " ";
        return Files.readAllLines(Path.of("/proc/locks")).stream().anyMatch(l -> l.contains(owner) && l.contains(inode));
    }

    /** A tor on {@code stateDir}'s data directory, started as a launch of ours would be, with {@code torrc}. */
    private static RunningCommand foreignTor(Path stateDir, Path torrc) throws Exception {
        Path data = stateDir.resolve("tor-data");
        Files.createDirectories(data, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path empty = Files.writeString(stateDir.resolve("empty"), "");
        Files.writeString(torrc, "DataDirectory " + data.toAbsolutePath() + "\nDisableNetwork 1\nSocksPort 0\n"
                + "GeoIPFile " + empty.toAbsolutePath() + "\nGeoIPv6File " + empty.toAbsolutePath() + "\n"
                + "PidFile " + stateDir.resolve("tor.pid").toAbsolutePath() + "\n");
        RunningCommand p = Command.of("tor", "--defaults-torrc", empty.toAbsolutePath().toString(), "-f",
                torrc.toAbsolutePath().toString(), "__OwningControllerProcess", Long.toString(ProcessHandle.current().pid()))
                .log(stateDir.resolve("foreign.log")).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            // tor writes its lock file before it takes the lock: wait until the kernel says it holds it
            while (!Files.exists(stateDir.resolve("tor.pid")) || !holdsLock(p.pid(), data.resolve("lock"))) {
                assertThat(p.alive()).as("the foreign tor runs: %s", p.said()).isTrue();
                assertThat(System.nanoTime()).as("the foreign tor took its data directory in time").isLessThan(deadline);
                p.exitsWithin(Duration.ofMillis(50));
            }
            return p;
        } catch (Throwable failed) {
            p.close();
            throw failed;
        }
    }
}
