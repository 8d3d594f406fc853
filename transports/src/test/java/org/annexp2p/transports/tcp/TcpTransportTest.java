package org.annexp2p.transports.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.annexp2p.transports.Connection;
import org.annexp2p.transports.Listener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class TcpTransportTest {

    private static final Duration DIAL = Duration.ofSeconds(10);

    @Test
    void ipv6LoopbackWithBracketedAddresses() throws Exception {
        try (TcpTransport tcp = new TcpTransport(); Listener listener = tcp.listen("[::1]:0")) {
            assertThat(listener.address()).matches("\\[0:0:0:0:0:0:0:1\\]:\\d+");
            CompletableFuture<String> served = CompletableFuture.supplyAsync(() -> {
                try (Connection c = listener.accept()) {
                    return new String(c.input().readAllBytes(), StandardCharsets.US_ASCII) + " via " + c.description();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            try (Connection c = tcp.dial("tcp://" + listener.address(), DIAL)) {
                c.output().write("VERSION 1\n".getBytes(StandardCharsets.US_ASCII));
                c.shutdownOutput();
                assertThat(c.description()).startsWith("tcp [");
            }
            assertThat(served.get(30, TimeUnit.SECONDS)).startsWith("VERSION 1\n via tcp [");
        }
    }

    @Test
    void refusedConnectionsSaySoAndNameTheAddress() throws Exception {
        int closedPort = LoopbackTcp.freedPort();
        try (TcpTransport tcp = new TcpTransport()) {
            assertThatThrownBy(() -> tcp.dial("127.0.0.1:" + closedPort, DIAL))
                    .isInstanceOf(IOException.class)
                    .hasMessage("connection refused: 127.0.0.1:" + closedPort);
        }
    }

    @Test
    void aDialThatGetsNoAnswerTimesOutWithinItsTimeout() throws Exception {
        // A listener that never accepts and has a full backlog makes the kernel drop further SYNs: the
        // closest a loopback test gets to an unreachable host.
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                TcpTransport tcp = new TcpTransport()) {
            String address = "127.0.0.1:" + silent.getLocalPort();
            IOException failure = null;
            // Connections that complete stay in the never-drained accept queue, so within a few dials one hangs.
            for (int i = 0; i < 16 && failure == null; i++) {
                try {
                    tcp.dial(address, Duration.ofMillis(500)).close();
                } catch (IOException e) {
                    failure = e;
                }
            }
            assertThat(failure).as("some dial to a saturated listener must time out").isNotNull();
            assertThat(failure).hasMessage("connection timed out after 500 ms: " + address);
        }
    }

    @Test
    void badAddressesAreOneLineErrors() {
        try (TcpTransport tcp = new TcpTransport()) {
            assertThatThrownBy(() -> tcp.dial("nonsense", DIAL)).isInstanceOf(IOException.class)
                    .hasMessage("invalid TCP address 'nonsense': expected host:port (IPv6 as [addr]:port)");
            assertThatThrownBy(() -> tcp.dial("127.0.0.1:99999", DIAL)).isInstanceOf(IOException.class)
                    .hasMessage("invalid TCP address '127.0.0.1:99999': port must be a number 0-65535");
            assertThatThrownBy(() -> tcp.listen("::1:80")).isInstanceOf(IOException.class)
                    .hasMessageContaining("IPv6 as [addr]:port");
        }
    }

    @Test
    void listeningOnAPortInUseFailsClearly() throws Exception {
        try (TcpTransport tcp = new TcpTransport(); Listener first = tcp.listen("127.0.0.1:0")) {
            assertThatThrownBy(() -> tcp.listen(first.address()))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("cannot listen on " + first.address() + ": ");
        }
    }

    @Test
    void anIdleConnectionIsClosedAndItsBlockedReaderToldWhy() throws Exception {
        // Only the dialing side has an idle timeout, so it is the one that must notice.
        try (TcpTransport patient = new TcpTransport(TcpOptions.defaults().withIdleTimeout(Duration.ZERO));
                TcpTransport impatient = new TcpTransport(TcpOptions.defaults().withIdleTimeout(Duration.ofMillis(300)));
                Listener listener = patient.listen("127.0.0.1:0");
                Connection client = impatient.dial(listener.address(), DIAL);
                Connection server = listener.accept()) {
            assertThatThrownBy(() -> client.input().read())
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("no traffic within the idle timeout");
            assertThat(server.input().read()).as("the peer sees the connection end").isEqualTo(-1);
        }
    }
}
