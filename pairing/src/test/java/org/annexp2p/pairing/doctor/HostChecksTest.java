package org.annexp2p.pairing.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.annexp2p.pairing.doctor.Check;
import org.annexp2p.repository.creds.CredsDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostChecksTest {

    @TempDir
    Path dir;

    @Test
    void credsReadableByOthersFailAndNameTheFile() throws Exception {
        Path creds = Files.createDirectories(dir.resolve("creds"));
        Files.writeString(creds.resolve("p2pauth"), "x\n");
        Files.setPosixFilePermissions(creds.resolve("p2pauth"), PosixFilePermissions.fromString("rw-------"));
        Check ok = HostChecks.credsPermissions(new CredsDir(creds));
        assertThat(ok.status()).isEqualTo(Check.Status.OK);
        assertThat(ok.detail()).isEqualTo("1 file(s) in " + creds + ", owner-only");
        Files.setPosixFilePermissions(creds.resolve("p2pauth"), PosixFilePermissions.fromString("rw----r--"));
        Check c = HostChecks.credsPermissions(new CredsDir(creds));
        assertThat(c.status()).isEqualTo(Check.Status.FAIL);
        assertThat(c.detail()).isEqualTo("readable or writable by others: p2pauth (rw----r--) in " + creds + "; run chmod 600 on them");
        assertThat(c.reason()).isEqualTo("readable or writable by others: p2pauth (rw----r--) in " + creds);
        assertThat(c.fix()).isEqualTo("run chmod 600 on them");
    }

    @Test
    void aCredsFileOthersMayOnlyExecuteFailsTooAsReadingItIsRefused() throws Exception {
        Path creds = Files.createDirectories(dir.resolve("creds"));
        Files.writeString(creds.resolve("lan-peers"), "x\n");
        Files.setPosixFilePermissions(creds.resolve("lan-peers"), PosixFilePermissions.fromString("rw---x---"));
        assertThat(HostChecks.credsPermissions(new CredsDir(creds)).status()).isEqualTo(Check.Status.FAIL);
    }

    @Test
    void noCredsDirectoryIsFine() throws Exception {
        Check c = HostChecks.credsPermissions(new CredsDir(dir.resolve("creds")));
        assertThat(c.status()).isEqualTo(Check.Status.OK);
        assertThat(c.detail()).isEqualTo("no creds files yet (" + dir.resolve("creds") + ")");
    }

    @Test
    void noWormholeServerConfiguredIsSkippedAndAClosedOrSilentOneFails() throws Exception {
        assertThat(HostChecks.wormholeServer(Optional.empty()).status()).isEqualTo(Check.Status.SKIP);
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        assertThat(HostChecks.wormholeServer(Optional.of("ws://127.0.0.1:" + closed + "/v1")).status()).isEqualTo(Check.Status.FAIL);
        // A port that merely accepts TCP (a transit relay's, say) is not a mailbox server.
        try (ServerSocket open = new ServerSocket(0)) {
            Check c = HostChecks.wormholeServer(Optional.of("ws://127.0.0.1:" + open.getLocalPort() + "/v1"));
            assertThat(c.status()).isEqualTo(Check.Status.FAIL);
            assertThat(c.reason()).contains("does not answer as a Magic Wormhole mailbox server");
            assertThat(c.fix()).contains("--relay-url");
        }
    }

    @Test
    void noTorControlPortIsSkippedNotLaunched() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Check c = HostChecks.torBootstrapped(Optional.of("127.0.0.1:" + closed), Map.of());
        assertThat(c.status()).isEqualTo(Check.Status.SKIP);
        assertThat(c.detail()).contains("never starts tor");
    }

    @Test
    void aMissingProgramIsEmptyNotAnException() throws Exception {
        assertThat(HostChecks.runProgram(List.of("annex-p2p-no-such-program-here"))).isEmpty();
        assertThat(HostChecks.runProgram(List.of("sh", "-c", "echo hi"))).contains("hi\n");
        assertThat(HostChecks.runProgram(List.of("sh", "-c", "exit 3"))).isEmpty();
    }
}
