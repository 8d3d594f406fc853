package org.annexp2p.wormhole.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import org.annexp2p.wormhole.MailboxConnectionException;
import org.junit.jupiter.api.Test;

/** A mailbox client owns the WebSocket client its connections share: it is closed with the mailbox client. */
class MailboxSocketsTest {
    private static final URI FAKE = URI.create("ws://127.0.0.1:1/v1");
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void closingAMailboxClientClosesWhatItsConnectionsShare() throws Exception {
        FakeMailboxServer server = new FakeMailboxServer();
        MailboxClient client = MailboxClient.connect(server, Duration.ofMillis(1), FAKE, "example.com/app", "ourside0001", WAIT);
        assertThat(server.closed()).isFalse();
        client.close();
        assertThat(server.closed()).isTrue();
    }

    @Test
    void aMailboxClientThatCannotConnectClosesThemToo() {
        AtomicBoolean closed = new AtomicBoolean();
        FrameChannel.Factory unreachable = new FrameChannel.Factory() {
            @Override
            public FrameChannel open() throws MailboxConnectionException {
                throw new MailboxConnectionException("cannot reach the mailbox server " + FAKE);
            }

            @Override
            public void close() {
                closed.set(true);
            }
        };
        assertThatThrownBy(() -> MailboxClient.connect(unreachable, Duration.ofMillis(1), FAKE, "example.com/app", "ourside0001", WAIT))
                .isInstanceOf(MailboxConnectionException.class);
        assertThat(closed).isTrue();
    }

    @Test
    void closedSocketsEndTheirThreads() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        MailboxSockets sockets = new MailboxSockets(URI.create("ws://127.0.0.1:" + port + "/v1"), Duration.ofSeconds(5));
        assertThatThrownBy(sockets::open).isInstanceOf(MailboxConnectionException.class);
        assertThat(sockets.awaitClosed(Duration.ZERO)).as("still open").isFalse();
        sockets.close();
        assertThat(sockets.awaitClosed(WAIT)).as("its threads ended").isTrue();
    }

    @Test
    void aPlainWsRelaySkipsTheJvmsDefaultTlsContextAndAWssRelayKeepsIt() throws Exception {
        MailboxSockets plain = new MailboxSockets(URI.create("ws://127.0.0.1:1/v1"), WAIT);
        MailboxSockets tls = new MailboxSockets(URI.create("wss://127.0.0.1:1/v1"), WAIT);
        try {
            assertThat(plain.http().sslContext()).as("ws://: no CA certificates to load").isNotSameAs(SSLContext.getDefault());
            assertThat(plain.http().sslParameters().getCipherSuites()).as("nor cipher suites to sort").isNull();
            assertThat(tls.http().sslContext()).as("wss://: the JVM's trusted CAs").isSameAs(SSLContext.getDefault());
        } finally {
            plain.close();
            tls.close();
        }
    }
}
