package org.annexp2p.session.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.annexp2p.session.plugin.net.NetworkAddress;
import org.annexp2p.transports.Connection;
import org.annexp2p.transports.Listener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A network's socket in a repository deeper than a unix socket's path may be long: served and reached there. */
@Timeout(60)
class SocketPathTest {
    static final NetworkAddress ADDRESS = NetworkAddress.parse("p2p-annex::testnet:127.0.0.1:1");

    @TempDir
    Path tmp;

    Path deepRepository() throws IOException {
        Path deep = tmp;
        while (deep.toString().length() <= 2 * SocketPath.MAX_BYTES) {
            deep = deep.resolve("a-directory-deep-down");
        }
        return Files.createDirectories(deep.resolve("repo"));
    }

    @Test
    void aSocketInADeepRepositoryIsListenedOnWhereGitAnnexHasItAndAnsweredThere() throws Exception {
        Path top = deepRepository();
        Path socket = NetworkSocket.of(top.resolve(".git/annex"), ADDRESS);
        assertThat(SocketPath.fits(socket)).isFalse();
        try (Listener listener = NetworkSocket.listen(socket)) {
            assertThat(listener.address()).isEqualTo("unix:" + socket);
            assertThat(Files.isRegularFile(socket) || Files.isDirectory(socket)).as("a socket file").isFalse();
            assertThat(Files.exists(socket)).isTrue();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-------");
            assertThat(NetworkSocket.answers(socket)).isTrue();
            listener.accept().close(); // the probe's connection
            try (SocketChannel client = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                SocketPath.reaching(socket, s -> client.connect(UnixDomainSocketAddress.of(s)));
                client.write(ByteBuffer.wrap(new byte[] {42}));
                try (Connection accepted = listener.accept()) {
                    assertThat(accepted.input().read()).isEqualTo(42);
                }
            }
            assertThatThrownBy(() -> NetworkSocket.listen(socket)).hasMessageStartingWith("another server is already listening on ");
        }
        assertThat(socket).doesNotExist();
    }

    @Test
    void theHelperIsGivenTheShorterPathAsGitAnnexGivesIt() throws Exception {
        Path top = deepRepository();
        Path socket = NetworkSocket.of(top.resolve(".git/annex"), ADDRESS);
        assertThat(SocketPath.forHelperIn(top, socket)).isEqualTo(Path.of(".git/annex/p2p").resolve(socket.getFileName()));
        Path shallow = NetworkSocket.of(tmp.resolve("r/.git/annex"), ADDRESS);
        Path farAway = tmp.resolve("x/y/z/w/v/u/t/s/r/q/p/o/n/m/l/k/j/i/h/g/f/e/d/c/b/a/b/c/d/e/f/g/h/i/j/k/l/m");
        assertThat(SocketPath.forHelperIn(farAway, shallow)).as("absolute when shorter").isEqualTo(shallow);
    }

    @Test
    void aSocketTooLongEvenFromWhereTheHelperRunsIsOneLineAsGitAnnexCannotListenThereEither() throws Exception {
        Path socket = NetworkSocket.of(deepRepository().resolve(".git/annex"), ADDRESS);
        assertThatThrownBy(() -> SocketPath.forHelperIn(tmp.resolve("elsewhere"), socket))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("bytes long even from " + tmp.resolve("elsewhere"))
                .hasMessageEndingWith("over the 107 a socket's path may have; use a repository with a shorter path")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
