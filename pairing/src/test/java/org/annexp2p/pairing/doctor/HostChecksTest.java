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
import org.annexp2p.shell.resident.Frame;
import org.annexp2p.shell.resident.FrameCodec;
import org.annexp2p.shell.resident.SocketDirectory;
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

    /** Binds a unix socket where a shell server in {@code dir} would listen; closing it leaves a stale file. */
    /** A bare listener, as a systemd socket is before its service runs: it accepts and nobody answers. */
    private static java.nio.channels.ServerSocketChannel listenIn(Path dir) throws Exception {
        Files.createDirectories(dir);
        // Private, as a server makes it: a listener in a directory others may enter is never asked.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        java.nio.channels.ServerSocketChannel server = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX);
        server.bind(java.net.UnixDomainSocketAddress.of(dir.resolve("shell.sock")));
        return server;
    }

    /** A listener in {@code dir} that answers every connection as a server answers the doctor's request ('B'). */
    private static AutoCloseable serverIn(Path dir) throws Exception {
        java.nio.channels.ServerSocketChannel listener = listenIn(dir);
        Thread t = new Thread(() -> {
            while (listener.isOpen()) {
                try (java.nio.channels.SocketChannel c = listener.accept()) {
                    c.write(java.nio.ByteBuffer.wrap(FrameCodec.encode(new Frame.Busy("not a shell command line"))));
                    // Read the request to its end (the doctor closes once answered): never close on unread bytes.
                    java.nio.ByteBuffer sink = java.nio.ByteBuffer.allocate(256);
                    while (c.read(sink.clear()) >= 0) {
                        // drained
                    }
                } catch (java.io.IOException e) {
                    // closed
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return listener;
    }

    @Test
    void aShellServerIsFoundWhereSessionsLookOrReportedWhereTheyDoNot() throws Exception {
        int uid = SocketDirectory.realUid();
        String u = Integer.toString(uid);
        Path runUser = Files.createDirectories(dir.resolve("run-user"));
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Path xdg = Files.createDirectories(dir.resolve("xdg"));
        Map<String, String> withXdg = Map.of("XDG_RUNTIME_DIR", xdg.toString());

        Check none = HostChecks.shellServer(withXdg, uid, runUser, tmp);
        assertThat(none.status()).isEqualTo(Check.Status.SKIP);
        assertThat(none.reason()).startsWith("no shell server answers on " + xdg.resolve("annex-p2p/shell.sock"));

        try (var server = serverIn(xdg.resolve("annex-p2p"))) {
            Check found = HostChecks.shellServer(withXdg, uid, runUser, tmp);
            assertThat(found.status()).isEqualTo(Check.Status.OK);
            assertThat(found.reason()).isEqualTo("a shell server answers on " + xdg.resolve("annex-p2p/shell.sock"));
        }
        assertThat(HostChecks.shellServer(withXdg, uid, runUser, tmp).status()).as("a stale socket is no server")
                .isEqualTo(Check.Status.SKIP);

        try (var server = serverIn(runUser.resolve(u + "/annex-p2p"))) {
            Check elsewhere = HostChecks.shellServer(withXdg, uid, runUser, tmp);
            assertThat(elsewhere.status()).isEqualTo(Check.Status.WARN);
            assertThat(elsewhere.detail()).isEqualTo("a shell server answers on " + runUser.resolve(u + "/annex-p2p/shell.sock")
                    + ", but sessions with XDG_RUNTIME_DIR=" + xdg + " look for " + xdg.resolve("annex-p2p/shell.sock")
                    + "; start the server with the XDG_RUNTIME_DIR that ssh sessions get");
        }
    }

    @Test
    void aShellServerInTmpIsAWarningWhenSystemdGivesSessionsARuntimeDirectory() throws Exception {
        int uid = SocketDirectory.realUid();
        String u = Integer.toString(uid);
        Path runUser = Files.createDirectories(dir.resolve("run-user"));
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        try (var server = serverIn(tmp.resolve("annex-p2p-" + u))) {
            assertThat(HostChecks.shellServer(Map.of(), uid, runUser, tmp).status())
                    .as("no runtime directory for this user: sessions look in /tmp as well").isEqualTo(Check.Status.OK);
            Files.createDirectory(runUser.resolve(u));
            Check c = HostChecks.shellServer(Map.of(), uid, runUser, tmp);
            assertThat(c.status()).isEqualTo(Check.Status.WARN);
            assertThat(c.reason()).startsWith("a shell server answers on " + tmp.resolve("annex-p2p-" + u + "/shell.sock")
                    + "; XDG_RUNTIME_DIR is not set");
            assertThat(c.fix()).isEqualTo("start it with XDG_RUNTIME_DIR=" + runUser.resolve(u)
                    + " (the systemd user unit in `annex-p2p shell-server --help` does)");
        }
    }

    @Test
    void aSocketInADirectoryTheServerRefusesIsAWarning() throws Exception {
        int uid = SocketDirectory.realUid();
        Path xdg = Files.createDirectories(dir.resolve("xdg"));
        Map<String, String> withXdg = Map.of("XDG_RUNTIME_DIR", xdg.toString());
        Path d = xdg.resolve("annex-p2p");
        // What a socket unit without DirectoryMode=0700 leaves: a listener in a directory others may enter.
        try (var systemd = listenIn(d)) {
            Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
            Check c = HostChecks.shellServer(withXdg, uid, Files.createDirectories(dir.resolve("run-user")),
                    Files.createDirectories(dir.resolve("tmp")));
            assertThat(c.status()).isEqualTo(Check.Status.WARN);
            assertThat(c.detail()).isEqualTo("there is a socket at " + d.resolve("shell.sock") + ", but no shell server"
                    + " will serve there: " + d + " is open to other users (its mode must be 0700); make " + d
                    + " this user's with mode 0700 (DirectoryMode=0700 in a systemd socket unit)");
        }
    }

    @Test
    void aSocketThatAcceptsButNeverAnswersIsAWarning() throws Exception {
        int uid = SocketDirectory.realUid();
        Path xdg = Files.createDirectories(dir.resolve("xdg"));
        Path socket = xdg.resolve("annex-p2p/shell.sock");
        try (var systemd = listenIn(xdg.resolve("annex-p2p"))) {
            Check c = HostChecks.shellServer(Map.of("XDG_RUNTIME_DIR", xdg.toString()), uid,
                    Files.createDirectories(dir.resolve("run-user")), Files.createDirectories(dir.resolve("tmp")),
                    java.time.Duration.ofMillis(300));
            assertThat(c.status()).isEqualTo(Check.Status.WARN);
            assertThat(c.detail()).isEqualTo("something accepts connections on " + socket + ", but no shell server"
                    + " answered there (no answer within 300 ms): every ssh session waits for it, then starts a JVM of"
                    + " its own; if systemd starts the server, `systemctl --user status annex-p2p-shell` and `journalctl"
                    + " --user -u annex-p2p-shell` say why it does not");
        }
    }
}
