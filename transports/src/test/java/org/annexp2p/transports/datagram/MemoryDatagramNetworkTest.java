package org.annexp2p.transports.datagram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MemoryDatagramNetworkTest {

    private static final Duration NO_WAIT = Duration.ZERO;
    private static final InetSocketAddress A = address("192.168.1.10", 55556);
    private static final InetSocketAddress B = address("192.168.1.11", 55556);
    private static final InetSocketAddress C = address("192.168.1.12", 55556);
    private static final InetSocketAddress GROUP = address("224.0.0.167", 55556);

    @Test
    void unicastMulticastAndBroadcastOnAPerfectNetwork() throws IOException {
        MemoryDatagramNetwork net = new MemoryDatagramNetwork(1);
        try (DatagramEndpoint a = net.open(A); DatagramEndpoint b = net.open(B); DatagramEndpoint c = net.open(C)) {
            b.joinGroup(GROUP.getAddress());
            c.joinGroup(GROUP.getAddress());
            a.send(B, new byte[] {1});
            assertThat(b.receive(NO_WAIT)).contains(new Datagram(A, new byte[] {1}));
            assertThat(c.receive(NO_WAIT)).isEmpty();

            a.send(GROUP, new byte[] {2});
            assertThat(b.receive(NO_WAIT)).contains(new Datagram(A, new byte[] {2}));
            assertThat(c.receive(NO_WAIT)).contains(new Datagram(A, new byte[] {2}));
            assertThat(a.receive(NO_WAIT)).as("the sender did not join").isEmpty();

            a.send(address("255.255.255.255", 55556), new byte[] {3});
            assertThat(a.receive(NO_WAIT)).contains(new Datagram(A, new byte[] {3}));
            assertThat(b.receive(NO_WAIT)).contains(new Datagram(A, new byte[] {3}));
            assertThat(c.receive(NO_WAIT)).contains(new Datagram(A, new byte[] {3}));
        }
    }

    @Test
    void multicastBlockedLosesGroupTrafficButNotUnicast() throws IOException {
        MemoryDatagramNetwork net = new MemoryDatagramNetwork(1);
        net.faults(DatagramFaults.none().withMulticastBlocked(true));
        try (DatagramEndpoint a = net.open(A); DatagramEndpoint b = net.open(B)) {
            a.joinGroup(GROUP.getAddress());
            b.joinGroup(GROUP.getAddress());
            a.send(GROUP, new byte[] {1});
            assertThat(b.receive(NO_WAIT)).isEmpty();
            assertThat(a.receive(NO_WAIT)).as("own multicast is looped back locally").isPresent();
            a.send(B, new byte[] {2});
            assertThat(b.receive(NO_WAIT)).contains(new Datagram(A, new byte[] {2}));
            assertThat(net.stats().blocked()).isEqualTo(1);
        }
    }

    @Test
    void apIsolationStopsEverythingBetweenPeers() throws IOException {
        MemoryDatagramNetwork net = new MemoryDatagramNetwork(1);
        net.faults(DatagramFaults.none().withApIsolation(true));
        try (DatagramEndpoint a = net.open(A); DatagramEndpoint b = net.open(B)) {
            b.joinGroup(GROUP.getAddress());
            a.send(B, new byte[] {1});
            a.send(GROUP, new byte[] {2});
            a.send(address("255.255.255.255", 55556), new byte[] {3});
            assertThat(b.receive(NO_WAIT)).isEmpty();
        }
    }

    @Test
    void oversizedDatagramsAreRefusedAtSend() throws IOException {
        MemoryDatagramNetwork net = new MemoryDatagramNetwork(1);
        net.faults(DatagramFaults.none().withMaxPayloadSize(1024));
        try (DatagramEndpoint a = net.open(A); DatagramEndpoint b = net.open(B)) {
            assertThat(a.maxPayloadSize()).isEqualTo(1024);
            a.send(B, new byte[1024]);
            assertThatThrownBy(() -> a.send(B, new byte[1025])).isInstanceOf(IOException.class).hasMessageContaining("1025 bytes");
            assertThat(b.receive(NO_WAIT)).map(Datagram::length).contains(1024);
            assertThat(b.receive(NO_WAIT)).isEmpty();
        }
    }

    @Test
    void bindingTwiceFailsAndCloseFreesTheAddress() throws IOException {
        MemoryDatagramNetwork net = new MemoryDatagramNetwork(1);
        DatagramEndpoint a = net.open(A);
        assertThatThrownBy(() -> net.open(A)).isInstanceOf(IOException.class).hasMessageContaining("in use");
        a.close();
        net.open(A).close();
        assertThatThrownBy(() -> a.send(B, new byte[1])).isInstanceOf(IOException.class);
    }

    @Test
    void closeUnblocksAWaitingReceiver() throws Exception {
        MemoryDatagramNetwork net = new MemoryDatagramNetwork(1);
        DatagramEndpoint a = net.open(A);
        CompletableFuture<Optional<Datagram>> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return a.receive(Duration.ofMinutes(1));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        a.close();
        assertThatThrownBy(() -> waiting.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void reorderedDatagramArrivesAfterTheNextOne() throws IOException {
        MemoryDatagramNetwork net = new MemoryDatagramNetwork(7);
        net.faults(DatagramFaults.none().withReorderRate(1.0));
        try (DatagramEndpoint a = net.open(A); DatagramEndpoint b = net.open(B)) {
            a.send(B, new byte[] {1});
            a.send(B, new byte[] {2});
            List<Integer> order = new ArrayList<>();
            for (Optional<Datagram> d = b.receive(NO_WAIT); d.isPresent(); d = b.receive(NO_WAIT)) {
                order.add((int) d.get().payload()[0]);
            }
            assertThat(order).containsExactly(2, 1);
        }
    }

    static InetSocketAddress address(String ip, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByName(ip), port);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
