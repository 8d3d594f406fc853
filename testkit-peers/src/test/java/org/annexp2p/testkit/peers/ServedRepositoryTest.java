package org.annexp2p.testkit.peers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.repository.MemoryRepository;
import org.annexp2p.tor.local.UnixSocketListener;
import org.annexp2p.transports.Connection;
import org.annexp2p.transports.tcp.TcpTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The fake peer answers AUTH as a real server does: its UUID for its token, a refusal for any other. */
@Timeout(60)
class ServedRepositoryTest {
    static final AuthToken TOKEN = AuthToken.parse("servedrepositorytoken").get();
    static final Uuid CLIENT = Uuid.random();

    final MemoryRepository repository = new MemoryRepository(Uuid.random());

    @Test
    void onLoopbackItsTokenIsAcceptedAndAnotherRefused() throws Exception {
        try (ServedRepository served = ServedRepository.onLoopback(repository, TOKEN); TcpTransport tcp = new TcpTransport()) {
            assertThat(served.address()).isEqualTo("127.0.0.1:" + served.port());
            try (Connection c = tcp.dial(served.address(), Duration.ofSeconds(10))) {
                assertThat(auth(c, TOKEN)).isEqualTo("AUTH-SUCCESS " + repository.uuid().value());
            }
            try (Connection c = tcp.dial(served.address(), Duration.ofSeconds(10))) {
                assertThat(auth(c, AuthToken.parse("someothertoken").get())).isEqualTo("AUTH-FAILURE");
            }
        }
    }

    @Test
    void aUnixSocketConnectionReachesItOnAUnixSocket(@TempDir Path tmp) throws Exception {
        Path socket = tmp.resolve("served.sock");
        try (ServedRepository served = ServedRepository.on(UnixSocketListener.bind(socket), repository, TOKEN);
                UnixSocketConnection c = UnixSocketConnection.dial(socket)) {
            assertThat(c.description()).isEqualTo("unix " + socket);
            assertThat(auth(c, TOKEN)).isEqualTo("AUTH-SUCCESS " + repository.uuid().value());
        }
    }

    private static String auth(Connection c, AuthToken token) throws Exception {
        c.output().write(("AUTH " + CLIENT.value() + " " + token.reveal() + "\n").getBytes(StandardCharsets.US_ASCII));
        c.output().flush();
        return new BufferedReader(new InputStreamReader(c.input(), StandardCharsets.US_ASCII)).readLine();
    }
}
