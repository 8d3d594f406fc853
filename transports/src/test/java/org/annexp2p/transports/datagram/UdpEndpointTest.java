package org.annexp2p.transports.datagram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Real UDP on the loopback interface only: unicast, IPv4 and IPv6 multicast, size limit, timeouts, close. */
class UdpEndpointTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void unicastOverIpv4Loopback() throws IOException {
        try (UdpEndpoint a = UdpEndpoint.open(UdpOptions.loopback(StandardProtocolFamily.INET, 0));
                UdpEndpoint b = UdpEndpoint.open(UdpOptions.loopback(StandardProtocolFamily.INET, 0))) {
            a.send(new InetSocketAddress(InetAddress.getLoopbackAddress(), b.localAddress().getPort()), bytes("hello"));
            Optional<Datagram> got = b.receive(WAIT);
            assertThat(got).isPresent();
            assertThat(new String(got.get().payload(), StandardCharsets.UTF_8)).isEqualTo("hello");
            assertThat(got.get().from().getPort()).isEqualTo(a.localAddress().getPort());
        }
    }

    @Test
    void ipv4MulticastReachesEveryMemberIncludingTheSender() throws IOException {
        InetAddress group = InetAddress.getByName("224.0.0.167");
        try (UdpEndpoint a = UdpEndpoint.open(UdpOptions.loopback(StandardProtocolFamily.INET, 0))) {
            int port = a.localAddress().getPort();
            try (UdpEndpoint b = UdpEndpoint.open(UdpOptions.loopback(StandardProtocolFamily.INET, port))) {
                a.joinGroup(group);
                b.joinGroup(group);
                a.send(new InetSocketAddress(group, port), bytes("announce"));
                assertThat(b.receive(WAIT)).map(d -> new String(d.payload(), StandardCharsets.UTF_8)).contains("announce");
                assertThat(a.receive(WAIT)).map(d -> new String(d.payload(), StandardCharsets.UTF_8)).contains("announce");
            }
        }
    }

    @Test
    void unicastOverIpv6Loopback() throws IOException {
        // IPv6 multicast needs a multicast-capable interface, which the host lo is not: see UdpMulticastNamespaceIT.
        try (UdpEndpoint a = UdpEndpoint.open(UdpOptions.loopback(StandardProtocolFamily.INET6, 0));
                UdpEndpoint b = UdpEndpoint.open(UdpOptions.loopback(StandardProtocolFamily.INET6, 0))) {
            a.send(new InetSocketAddress(InetAddress.getByName("::1"), b.localAddress().getPort()), bytes("v6"));
            assertThat(b.receive(WAIT)).map(d -> new String(d.payload(), StandardCharsets.UTF_8)).contains("v6");
        }
    }

    @Test
    void receiveTimesOutEmpty() throws IOException {
        try (UdpEndpoint a = UdpEndpoint.open(UdpOptions.loopback(StandardProtocolFamily.INET, 0))) {
            assertThat(a.receive(Duration.ofMillis(50))).isEmpty();
        }
    }

    @Test
    void oversizedPayloadIsRefusedBeforeSending() throws IOException {
        try (UdpEndpoint a = UdpEndpoint.open(UdpOptions.loopback(StandardProtocolFamily.INET, 0))) {
            InetSocketAddress self = new InetSocketAddress(InetAddress.getLoopbackAddress(), a.localAddress().getPort());
            assertThatThrownBy(() -> a.send(self, new byte[UdpEndpoint.MAX_PAYLOAD + 1]))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("exceeds the maximum");
        }
    }

    @Test
    void loopbackOnlyRefusesOtherDestinations() throws IOException {
        try (UdpEndpoint a = UdpEndpoint.open(UdpOptions.loopback(StandardProtocolFamily.INET, 0))) {
            assertThatThrownBy(() -> a.send(new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 9), bytes("x")))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("restricted to loopback");
            assertThatThrownBy(() -> a.send(new InetSocketAddress(InetAddress.getByName("255.255.255.255"), 9), bytes("x")))
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void closeUnblocksAWaitingReceiver() throws Exception {
        UdpEndpoint a = UdpEndpoint.open(UdpOptions.loopback(StandardProtocolFamily.INET, 0));
        CompletableFuture<Throwable> outcome = CompletableFuture.supplyAsync(() -> {
            try {
                a.receive(Duration.ofMinutes(1));
                return null;
            } catch (IOException e) {
                return e;
            }
        });
        // The receiver may or may not have entered select() yet; either way it must end with an IOException.
        a.close();
        assertThat(outcome.get(10, TimeUnit.SECONDS)).isInstanceOf(IOException.class);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
