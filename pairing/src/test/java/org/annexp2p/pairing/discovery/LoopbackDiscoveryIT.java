package org.annexp2p.pairing.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.annexp2p.pairing.LanPairing;
import org.annexp2p.pairing.TestSecrets;
import org.annexp2p.pairing.secret.SharedSecret;
import org.annexp2p.transports.datagram.UdpEndpoint;
import org.annexp2p.transports.datagram.UdpOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real IPv4 multicast (224.0.0.199, TTL 1) on the loopback interface between several sockets sharing a port. */
class LoopbackDiscoveryIT {

    private static final Duration INTERVAL = Duration.ofMillis(200);
    private static final Duration BOUND = Duration.ofSeconds(10);

    private final List<AutoCloseable> open = new ArrayList<>();
    private int port;

    @BeforeEach
    void choosePort() throws IOException {
        try (UdpEndpoint probe = UdpEndpoint.open(UdpOptions.loopback(StandardProtocolFamily.INET, 0))) {
            port = probe.localAddress().getPort();
        }
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    @Test
    void twoDevicesFindEachOtherAndAQueryReFindsARepository() throws Exception {
        UUID repository = UUID.randomUUID();
        Discovery a = discovery(TestSecrets.GOOD, 1111, Set.of());
        Discovery b = discovery(TestSecrets.GOOD, 2222, Set.of(repository));

        // Both sides announce while they look, as two users running "pair --lan" would.
        ExecutorService other = Executors.newSingleThreadExecutor();
        Future<LanPairing.Found> foundByB;
        LanPairing.Found foundByA;
        try {
            foundByB = other.submit(() -> LanPairing.find(b, h -> h.announcement().device().equals(a.self()), INTERVAL, BOUND));
            foundByA = LanPairing.find(a, h -> h.announcement().device().equals(b.self()), INTERVAL, BOUND);
            assertThat(foundByB.get(BOUND.toSeconds() + 5, TimeUnit.SECONDS)).isInstanceOf(LanPairing.Found.Peer.class);
        } finally {
            other.shutdownNow();
            assertThat(other.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(foundByA).isInstanceOfSatisfying(LanPairing.Found.Peer.class, p -> {
            assertThat(p.heard().announcement()).isInstanceOfSatisfying(Announcement.Presence.class, pr -> assertThat(pr.listenerPort()).isEqualTo(2222));
            assertThat(p.heard().from().getAddress().isLoopbackAddress()).isTrue();
        });

        var here = a.locate(repository, INTERVAL, BOUND);
        assertThat(here).hasValueSatisfying(h -> {
            assertThat(h.announcement()).isInstanceOfSatisfying(Announcement.HereIs.class, hi -> {
                assertThat(hi.repository()).isEqualTo(repository);
                assertThat(hi.listenerPort()).isEqualTo(2222);
            });
            assertThat(h.announcement().device()).isEqualTo(b.self());
        });
        assertThat(a.stats().ownHeard()).as("our own multicast loops back on lo").isPositive();
    }

    @Test
    void forgedAndReplayedAnnouncementsAreRefusedWithTheirReasons() throws Exception {
        SteppedClock clock = new SteppedClock();
        Discovery a = discovery(TestSecrets.GOOD, 1111, Set.of(), clock);
        Discovery mallory = discovery(TestSecrets.OTHER, 6666, Set.of());
        mallory.announcePresence();
        waitFor(() -> a.stats().refused().getOrDefault(Refusal.BAD_MAC, 0) > 0);

        UdpEndpoint raw = UdpEndpoint.open(UdpOptions.loopback(StandardProtocolFamily.INET, 0));
        open.add(raw);
        byte[] captured = new AnnouncementCodec(TestSecrets.GOOD).encode(
                new Announcement.Presence(DeviceId.random(), 3333, 1, Nonce.random(), System.currentTimeMillis()));
        raw.send(DiscoveryGroups.ipv4(port), captured);
        raw.send(DiscoveryGroups.ipv4(port), captured);
        waitFor(() -> a.stats().accepted() == 1 && a.stats().duplicates() == 1);
        // Past the duplicate window (a second path would have delivered by now) but inside the freshness window.
        clock.advance(Duration.ofSeconds(5));
        raw.send(DiscoveryGroups.ipv4(port), captured);
        waitFor(() -> a.stats().refused().getOrDefault(Refusal.REPLAYED, 0) > 0);

        raw.send(DiscoveryGroups.ipv4(port), new byte[4000]);
        waitFor(() -> a.stats().refused().getOrDefault(Refusal.TOO_LARGE, 0) > 0);

        assertThat(a.next(Duration.ZERO)).hasValueSatisfying(h -> assertThat(h.announcement().device()).isNotEqualTo(mallory.self()));
        assertThat(a.stats().summary()).contains("MAC does not match").contains("replayed");
    }

    @Test
    void withNobodyElseDiscoveryFallsBackWithinTheBoundAndSaysWhy() throws Exception {
        Discovery alone = discovery(TestSecrets.GOOD, 1111, Set.of());
        LanPairing.Found found = LanPairing.find(alone, h -> true, INTERVAL, Duration.ofSeconds(1));
        assertThat(found).isInstanceOfSatisfying(LanPairing.Found.Fallback.class, f -> {
            assertThat(f.reason()).contains("no peer found within 1 s").contains("multicast works on this host");
            assertThat(f.advice()).contains("QR").contains("--address");
        });
    }

    private Discovery discovery(SharedSecret secret, int listenerPort, Set<UUID> served) throws IOException {
        return discovery(secret, listenerPort, served, Clock.systemUTC());
    }

    private Discovery discovery(SharedSecret secret, int listenerPort, Set<UUID> served, Clock clock) throws IOException {
        InetSocketAddress group = DiscoveryGroups.ipv4(port);
        DiscoveryChannel channel = LanChannels.open("lo/ipv4", UdpOptions.loopback(StandardProtocolFamily.INET, port), List.of(group));
        Discovery d = new Discovery(DeviceId.random(), secret, clock, List.of(channel), listenerPort, 42, served);
        open.add(d);
        return d;
    }

    /** The system clock plus an offset the test moves forward, to reach "later" without sleeping. */
    private static final class SteppedClock extends Clock {
        private volatile long offsetMillis;

        void advance(Duration d) {
            offsetMillis += d.toMillis();
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return java.time.Instant.ofEpochMilli(System.currentTimeMillis() + offsetMillis);
        }
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("condition not met within " + BOUND);
            }
            Thread.onSpinWait();
            java.util.concurrent.locks.LockSupport.parkNanos(10_000_000);
        }
    }
}
