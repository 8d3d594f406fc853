package org.annexp2p.pairing.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.annexp2p.pairing.LanPairing;
import org.annexp2p.pairing.TestSecrets;
import org.annexp2p.transports.datagram.DatagramEndpoint;
import org.annexp2p.transports.datagram.DatagramFaults;
import org.annexp2p.transports.datagram.MemoryDatagramNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Discovery over the in-memory LAN with the faults real networks have. */
class MemoryDiscoveryTest {

    private static final int PORT = 55557;
    private static final InetSocketAddress GROUP = DiscoveryGroups.ipv4(PORT);
    private static final InetSocketAddress BROADCAST = new InetSocketAddress(DiscoveryGroups.IPV4_BROADCAST, PORT);
    private static final Duration INTERVAL = Duration.ofMillis(50);

    private final List<Discovery> open = new ArrayList<>();

    @AfterEach
    void close() {
        open.forEach(Discovery::close);
    }

    @Test
    void whenMulticastIsBlockedTheBroadcastStillFindsThePeer() throws Exception {
        MemoryDatagramNetwork lan = new MemoryDatagramNetwork(1);
        lan.faults(DatagramFaults.none().withMulticastBlocked(true));
        Discovery a = on(lan, "192.168.5.2");
        Discovery b = on(lan, "192.168.5.3");
        b.announcePresence();
        assertThat(LanPairing.find(a, h -> h.announcement().device().equals(b.self()), INTERVAL, Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(LanPairing.Found.Peer.class, p -> assertThat(p.heard().from().getHostString()).isEqualTo("192.168.5.3"));
        assertThat(lan.stats().blocked()).isPositive();
    }

    @Test
    void theSameAnnouncementViaGroupAndBroadcastIsADuplicateNotAReplay() throws Exception {
        MemoryDatagramNetwork lan = new MemoryDatagramNetwork(4);
        Discovery a = on(lan, "192.168.5.2");
        Discovery b = on(lan, "192.168.5.3");
        b.announcePresence();
        assertThat(a.next(Duration.ofSeconds(5))).isPresent();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (a.stats().duplicates() == 0 && System.nanoTime() - deadline < 0) {
            java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
        }
        assertThat(a.stats().duplicates()).isEqualTo(1);
        assertThat(a.stats().refused()).doesNotContainKey(Refusal.REPLAYED);
    }

    @Test
    void underApIsolationDiscoveryFallsBackAndSaysWhy() throws Exception {
        MemoryDatagramNetwork lan = new MemoryDatagramNetwork(2);
        lan.faults(DatagramFaults.none().withApIsolation(true));
        Discovery a = on(lan, "192.168.5.2");
        Discovery b = on(lan, "192.168.5.3");
        b.announcePresence();
        LanPairing.Found found = LanPairing.find(a, h -> h.announcement().device().equals(b.self()), INTERVAL, Duration.ofMillis(500));
        assertThat(found).isInstanceOfSatisfying(LanPairing.Found.Fallback.class, f -> {
            assertThat(f.reason()).contains("no peer found").contains("isolated by the access point");
            assertThat(f.advice()).contains("QR");
        });
    }

    @Test
    void underHeavyLossRepeatedAnnouncementsGetThrough() throws Exception {
        MemoryDatagramNetwork lan = new MemoryDatagramNetwork(3);
        lan.faults(DatagramFaults.none().withDropRate(0.8).withDuplicateRate(0.3));
        Discovery a = on(lan, "192.168.5.2");
        Discovery b = on(lan, "192.168.5.3");
        Thread announcer = new Thread(() -> {
            for (int i = 0; i < 200 && !Thread.currentThread().isInterrupted(); i++) {
                b.announcePresence();
                java.util.concurrent.locks.LockSupport.parkNanos(INTERVAL.toNanos());
            }
        });
        announcer.start();
        try {
            assertThat(LanPairing.find(a, h -> h.announcement().device().equals(b.self()), INTERVAL, Duration.ofSeconds(10)))
                    .isInstanceOf(LanPairing.Found.Peer.class);
        } finally {
            announcer.interrupt();
            announcer.join(5000);
        }
        assertThat(lan.stats().dropped()).isPositive();
    }

    private Discovery on(MemoryDatagramNetwork lan, String ip) throws IOException {
        DatagramEndpoint endpoint = lan.open(new InetSocketAddress(ip, PORT));
        endpoint.joinGroup(GROUP.getAddress());
        Discovery d = new Discovery(DeviceId.random(), TestSecrets.GOOD, Clock.systemUTC(),
                List.of(new DiscoveryChannel("mem " + ip, endpoint, List.of(GROUP, BROADCAST))), 4242, 7, Set.of());
        open.add(d);
        return d;
    }
}
