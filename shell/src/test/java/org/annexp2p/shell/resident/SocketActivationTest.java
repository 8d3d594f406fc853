package org.annexp2p.shell.resident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.annexp2p.testkit.repository.TemporaryRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server given the listening socket systemd made (socket activation): it serves there, leaves the socket file when
 * it stops (systemd's, for the next session to start it again), and refuses a socket elsewhere than sessions look,
 * or one in a directory others may enter (each refusal names the unit setting that fixes it), and makes the socket
 * this user's alone as it does one it binds.
 */
@Timeout(60)
class SocketActivationTest {
    @TempDir
    Path tmp;

    private ResidentServer.Settings settings() {
        return TestServers.settings();
    }

    private SocketDirectory directory() throws IOException {
        return new SocketDirectory(tmp.resolve("annex-p2p"), SocketDirectory.realUid());
    }

    /** What systemd does for a socket unit: the directory (DirectoryMode), the bound socket (SocketMode). */
    private ServerSocketChannel systemdSocket(Path at, String directoryMode, String socketMode) throws IOException {
        Files.createDirectories(at.getParent());
        Files.setPosixFilePermissions(at.getParent(), PosixFilePermissions.fromString(directoryMode));
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        channel.bind(UnixDomainSocketAddress.of(at));
        Files.setPosixFilePermissions(at, PosixFilePermissions.fromString(socketMode));
        return channel;
    }

    @Test
    void servesOnTheGivenSocketAndLeavesItWhenStopping() throws Exception {
        TemporaryRepository repo = TemporaryRepository.annex(tmp.resolve("repo"), "served");
        SocketDirectory directory = directory();
        ServerSocketChannel given = systemdSocket(directory.socket(), "rwx------", "rw-------");
        ResidentServer server = ResidentServer.adopt(directory, given, settings());
        Thread serving = TestServers.serving(server);
        try (TestClient c = new TestClient(directory.socket())) {
            c.request(java.util.List.of("configlist", repo.dir().toString()), Map.of("HOME", tmp.toString(),
                    "PATH", System.getenv("PATH")), tmp);
            assertThat(c.answer()).isEqualTo(new Frame.Started());
            c.send(new Frame.Closed());
            assertThat(c.rest().out()).isEqualTo("annex.uuid=" + repo.uuid() + "\ncore.gcrypt-id=\n");
        }
        // A second server in the same place refuses while this one serves.
        assertThatThrownBy(() -> ResidentServer.adopt(directory, given, settings()))
                .hasMessage("a shell server is already running on " + directory.socket());
        server.stop();
        serving.join(10_000);
        assertThat(serving.isAlive()).isFalse();
        assertThat(directory.socket()).exists();
    }

    @Test
    void aSocketElsewhereThanSessionsLookIsRefused() throws IOException {
        Path elsewhere = tmp.resolve("other").resolve("shell.sock");
        try (ServerSocketChannel given = systemdSocket(elsewhere, "rwx------", "rw-------")) {
            assertThatThrownBy(() -> ResidentServer.adopt(directory(), given, settings()))
                    .isInstanceOf(ResidentServer.CannotStart.class)
                    .hasMessage("the socket systemd passed listens on " + elsewhere + ", but ssh sessions look for "
                            + directory().socket() + " (ListenStream=%t/annex-p2p/shell.sock in the socket unit)");
        }
    }

    @Test
    void aDirectoryOthersMayEnterIsRefused() throws IOException {
        try (ServerSocketChannel given = systemdSocket(directory().socket(), "rwxr-xr-x", "rw-------")) {
            assertThatThrownBy(() -> ResidentServer.adopt(directory(), given, settings()))
                    .isInstanceOf(ResidentServer.CannotStart.class)
                    .hasMessage(directory().dir() + " is open to other users (its mode must be 0700)"
                            + " (DirectoryMode=0700 in the socket unit)");
        }
    }

    @Test
    void aSocketOthersMayReachIsMadePrivate() throws IOException {
        // systemd's default SocketMode.
        try (ServerSocketChannel given = systemdSocket(directory().socket(), "rwx------", "rw-rw-rw-")) {
            ResidentServer server = ResidentServer.adopt(directory(), given, settings());
            assertThat(Files.getPosixFilePermissions(directory().socket()))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            server.stop();
        }
    }
}
