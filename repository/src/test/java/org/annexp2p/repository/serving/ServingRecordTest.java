package org.annexp2p.repository.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.annexp2p.testkit.process.Command;
import org.annexp2p.testkit.process.RunningCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServingRecordTest {
    @TempDir
    Path annex;

    private static final long SELF = ProcessHandle.current().pid();
    private static final Instant SELF_STARTED = ProcessHandle.current().info().startInstant().orElseThrow();

    @Test
    void aServerIsReadBackWithItsWaysUntilItStops() throws IOException {
        ServingRecord record = ServingRecord.of(annex);
        try (ServingRecord.Entry entry = record.begin()) {
            entry.add("tcp", "tcp://127.0.0.1:4444");
            entry.add("http", "annex+http://127.0.0.1:9417/git-annex/f6a9e9b6-2b5e-4a8d-9d7f-0d3c2a4b5c6d");
            List<ServingProcess> running = record.running();
            assertThat(running).hasSize(1);
            assertThat(running.get(0).pid()).isEqualTo(SELF);
            assertThat(running.get(0).ways()).extracting(ServedWay::kind, ServedWay::address).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("tcp", "tcp://127.0.0.1:4444"),
                    org.assertj.core.groups.Tuple.tuple("http", "annex+http://127.0.0.1:9417/git-annex/f6a9e9b6-2b5e-4a8d-9d7f-0d3c2a4b5c6d"));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(entry.path().orElseThrow()))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(record.directory()))).isEqualTo("rwx------");
        }
        assertThat(record.running()).isEmpty();
        assertThat(record.directory()).isEmptyDirectory();
    }

    @Test
    void aServerNeverTakesTheNameOfAFileAlreadyThere() throws IOException {
        Path dir = Files.createDirectories(annex.resolve(ServingRecord.DIRECTORY));
        for (int n = 1; n <= 20; n++) {
            Files.writeString(dir.resolve(SELF + "." + n), "left by server " + n);
        }
        try (ServingRecord.Entry entry = ServingRecord.of(annex).begin()) {
            assertThat(entry.path()).isEmpty();
            entry.add("tcp", "tcp://127.0.0.1:4444");
            assertThat(entry.path()).contains(dir.resolve(SELF + ".21"));
            for (int n = 1; n <= 20; n++) {
                assertThat(dir.resolve(SELF + "." + n)).hasContent("left by server " + n);
            }
        }
        assertThat(dir.resolve(SELF + ".21")).doesNotExist();
    }

    @Test
    void twoServersOfOneProcessAndOneOfAnotherAreAllShown() throws Exception {
        ServingRecord record = ServingRecord.of(annex);
        // Each from a record of its own, as two servers of one process (a serve and a p2phttp) get theirs.
        try (RunningCommand other = Command.of("sleep", "60").start();
                ServingRecord.Entry first = record.begin(); ServingRecord.Entry second = ServingRecord.of(annex).begin()) {
            first.add("tcp", "tcp://127.0.0.1:1");
            second.add("lan", "lan://127.0.0.1:2");
            write(other.pid() + ".1", processText(other.pid(), other.handle().info().startInstant().orElseThrow(), "tor",
                    "tor-annex::abc.onion:5555"));
            assertThat(record.running()).flatExtracting(ServingProcess::ways).extracting(ServedWay::address)
                    .containsExactlyInAnyOrder("tcp://127.0.0.1:1", "lan://127.0.0.1:2", "tor-annex::abc.onion:5555");
            other.kill();
            assertThat(record.running()).flatExtracting(ServingProcess::ways).extracting(ServedWay::address)
                    .containsExactlyInAnyOrder("tcp://127.0.0.1:1", "lan://127.0.0.1:2");
            assertThat(record.directory().resolve(other.pid() + ".1")).doesNotExist();
        }
    }

    @Test
    void aDeadServersFileIsSkippedAndRemoved() throws Exception {
        long pid;
        Instant started;
        try (RunningCommand gone = Command.of("true").start()) {
            pid = gone.pid();
            started = gone.handle().info().startInstant().orElse(Instant.EPOCH);
            assertThat(gone.awaitExit(Duration.ofSeconds(60))).isZero();
        }
        write(pid + ".1", processText(pid, started, "tcp", "tcp://127.0.0.1:4444"));
        assertThat(ServingRecord.of(annex).running()).isEmpty();
        assertThat(annex.resolve(ServingRecord.DIRECTORY).resolve(pid + ".1")).doesNotExist();
    }

    @Test
    void aPidNowTakenByAProcessThatStartedAtAnotherTimeIsStale() throws IOException {
        write(SELF + ".999", processText(SELF, SELF_STARTED.minusSeconds(3600), "tcp", "tcp://127.0.0.1:4444"));
        assertThat(ServingRecord.of(annex).running()).isEmpty();
        assertThat(annex.resolve(ServingRecord.DIRECTORY).resolve(SELF + ".999")).doesNotExist();
    }

    @Test
    void malformedLinesAreSkippedAndMalformedOrOversizedFilesIgnored() throws IOException {
        write(SELF + ".901", processText(SELF, SELF_STARTED, "tcp", "tcp://127.0.0.1:1")
                + "way tcp " + Instant.now() + " tcp://<img/src=x/onerror=alert(1)>\n"
                + "way tcp " + Instant.now() + " tls://claims-to-be-tcp:1/pin\n"
                + "way http yesterday annex+http://127.0.0.1:2/git-annex/u\n"
                + "way tcp " + Instant.now() + " tcp://127.0.0.1:3 extra\n"
                + "garbage\n");
        write(SELF + ".902", "not a record\n");
        write(SELF + ".903", processText(SELF, SELF_STARTED, "tcp", "tcp://127.0.0.1:4") + "#".repeat(ServingRecord.MAX_BYTES));
        write((SELF + 1) + ".904", processText(SELF, SELF_STARTED, "tcp", "tcp://127.0.0.1:5"));
        write("notes", processText(SELF, SELF_STARTED, "tcp", "tcp://127.0.0.1:6"));
        List<ServingProcess> running = ServingRecord.of(annex).running();
        assertThat(running).flatExtracting(ServingProcess::ways).extracting(ServedWay::address)
                .containsExactly("tcp://127.0.0.1:1");
    }

    @Test
    void aFileOthersMayWriteIsNotBelieved() throws IOException {
        write(SELF + ".906", processText(SELF, SELF_STARTED, "tcp", "tcp://127.0.0.1:8"));
        Path file = annex.resolve(ServingRecord.DIRECTORY).resolve(SELF + ".906");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
        assertThat(ServingRecord.of(annex).running()).isEmpty();
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertThat(ServingRecord.of(annex).running()).hasSize(1);
    }

    @Test
    void aLinkInTheDirectoryIsNotFollowed() throws IOException {
        Path elsewhere = Files.writeString(annex.resolve("elsewhere"),
                processText(SELF, SELF_STARTED, "tcp", "tcp://127.0.0.1:7"));
        Path dir = Files.createDirectories(annex.resolve(ServingRecord.DIRECTORY));
        Files.createSymbolicLink(dir.resolve(SELF + ".905"), elsewhere);
        assertThat(ServingRecord.of(annex).running()).isEmpty();
        assertThat(elsewhere).exists();
    }

    @Test
    void aWayOfAnotherKindThanItsAddressOrWithMarkupIsRefusedWhenMade() {
        assertThatThrownBy(() -> new ServedWay("tcp", "tor-annex::x.onion:1", Instant.now()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ServedWay("http", "annex+http://\"><script>", Instant.now()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ServedWay("network:x", "p2p-annex::y:addr", Instant.now()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new ServedWay(ServedWay.network("lan"), "p2p-annex::lan:192.168.1.2:4", Instant.now()).kind())
                .isEqualTo("network:lan");
    }

    private void write(String name, String text) throws IOException {
        Path dir = Files.createDirectories(annex.resolve(ServingRecord.DIRECTORY));
        Files.writeString(dir.resolve(name), text);
        Files.setPosixFilePermissions(dir.resolve(name), PosixFilePermissions.fromString("rw-------"));
    }

    private static String processText(long pid, Instant started, String kind, String address) {
        return new ServingProcess(pid, started, List.of(new ServedWay(kind, address, Instant.now()))).text();
    }
}
