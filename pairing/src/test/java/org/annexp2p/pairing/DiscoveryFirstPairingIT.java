package org.annexp2p.pairing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.annexp2p.pairing.confirm.CallOutcome;
import org.annexp2p.pairing.confirm.CallerDetails;
import org.annexp2p.pairing.confirm.ConfirmationCall;
import org.annexp2p.pairing.confirm.ConfirmationListener;
import org.annexp2p.pairing.conversation.PairingSetup;
import org.annexp2p.pairing.discovery.Announcement;
import org.annexp2p.pairing.discovery.DeviceId;
import org.annexp2p.pairing.discovery.Discovery;
import org.annexp2p.pairing.discovery.DiscoveryGroups;
import org.annexp2p.pairing.discovery.LanChannels;
import org.annexp2p.pairing.secret.SharedSecret;
import org.annexp2p.pairing.tls.KeyFingerprint;
import org.annexp2p.pairing.tls.TlsIdentity;
import org.annexp2p.transports.datagram.UdpEndpoint;
import org.annexp2p.transports.datagram.UdpOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The discovery-first order on real loopback sockets: A discovers B by multicast, calls B's confirmation
 * listener (B confirms its own address by calling itself over TLS and answers with a MAC over its key), then A
 * pairs with B by unicast, accepting only the key the confirmation vouched for.
 */
class DiscoveryFirstPairingIT {

    private static final Duration BOUND = Duration.ofSeconds(15);
    private static final SharedSecret SECRET = TestSecrets.GOOD;
    private final List<AutoCloseable> open = new ArrayList<>();
    private final ExecutorService executor = Executors.newFixedThreadPool(2);

    @AfterEach
    void close() throws Exception {
        executor.shutdownNow();
        assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    @Test
    void discoverThenConfirmThenPairPinnedToTheConfirmedKey() throws Exception {
        InetAddress lo = InetAddress.getLoopbackAddress();
        TlsIdentity a = TlsIdentity.generate("a");
        TlsIdentity b = TlsIdentity.generate("b");
        int discoveryPort = freeUdpPort();

        // B: one port number for its TCP confirmation listener and its UDP pairing endpoint, as the announcement carries one.
        ConfirmationListener bListener = ConfirmationListener.open(new InetSocketAddress(lo, 0), b, SECRET, BOUND);
        open.add(bListener);
        UdpEndpoint bPairing = UdpEndpoint.open(UdpOptions.loopback(StandardProtocolFamily.INET, bListener.port()));
        open.add(bPairing);
        Discovery bDiscovery = discovery(discoveryPort, bListener.port());
        Discovery aDiscovery = discovery(discoveryPort, 1);

        Future<LanPairing.Found> bAnnounces = executor.submit(() -> LanPairing.find(bDiscovery, h -> false, Duration.ofMillis(200), Duration.ofSeconds(3)));
        LanPairing.Found found = LanPairing.find(aDiscovery, h -> h.announcement().device().equals(bDiscovery.self()), Duration.ofMillis(200), BOUND);
        assertThat(found).isInstanceOf(LanPairing.Found.Peer.class);
        var heard = ((LanPairing.Found.Peer) found).heard();
        int bPort = ((Announcement.Presence) heard.announcement()).listenerPort();
        InetAddress bObserved = heard.from().getAddress();

        CallOutcome confirmation = ConfirmationCall.call(new InetSocketAddress(bObserved, bPort),
                new CallerDetails(aDiscovery.self(), lo, 4242, bObserved), SECRET, a, BOUND);
        assertThat(confirmation).isEqualTo(new CallOutcome.Confirmed(bObserved, b.fingerprint()));
        assertThat(bListener.confirmedAddresses()).containsExactly(bObserved);
        assertThat(bListener.nextCaller(BOUND)).hasValueSatisfying(c -> assertThat(c.device()).isEqualTo(aDiscovery.self()));
        KeyFingerprint vouched = ((CallOutcome.Confirmed) confirmation).calleeKey();

        UdpEndpoint aPairing = UdpEndpoint.open(UdpOptions.loopback(StandardProtocolFamily.INET, 0));
        open.add(aPairing);
        Future<PairingOutcome> atB = executor.submit(() -> LanPairing.run(options(PairingSetup.Role.RESPONDER, bPairing, List.of(), b, Optional.empty())));
        PairingOutcome atA = LanPairing.run(options(PairingSetup.Role.REQUESTER, aPairing, List.of(new InetSocketAddress(bObserved, bPort)), a, Optional.of(vouched)));

        assertThat(atA).isInstanceOf(PairingOutcome.Paired.class);
        PairingOutcome bOutcome = atB.get(BOUND.toSeconds() + 5, TimeUnit.SECONDS);
        assertThat(bOutcome).isInstanceOf(PairingOutcome.Paired.class);
        var resultA = ((PairingOutcome.Paired) atA).result();
        var resultB = ((PairingOutcome.Paired) bOutcome).result();
        assertThat(KeyFingerprint.of(resultA.peer().publicKey())).isEqualTo(b.fingerprint());
        assertThat(KeyFingerprint.of(resultB.peer().publicKey())).isEqualTo(a.fingerprint());
        assertThat(resultA.token()).isEqualTo(resultB.token());
        assertThat(bAnnounces.get(10, TimeUnit.SECONDS)).isInstanceOf(LanPairing.Found.Fallback.class);
    }

    private static PairingOptions options(PairingSetup.Role role, UdpEndpoint endpoint, List<InetSocketAddress> targets, TlsIdentity identity,
            Optional<KeyFingerprint> expected) {
        return new PairingOptions(role, SECRET, endpoint, targets, role.name().toLowerCase(), "user", "/srv/annex", "uuid-" + role, identity,
                List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 4242)), Duration.ofMillis(200), BOUND, Duration.ofSeconds(1),
                expected, line -> System.err.println(role + ": " + line));
    }

    private Discovery discovery(int port, int listenerPort) throws IOException {
        var channel = LanChannels.open("lo/ipv4", UdpOptions.loopback(StandardProtocolFamily.INET, port), List.of(DiscoveryGroups.ipv4(port)));
        Discovery d = new Discovery(DeviceId.random(), SECRET, Clock.systemUTC(), List.of(channel), listenerPort, 9, Set.of());
        open.add(d);
        return d;
    }

    private static int freeUdpPort() throws IOException {
        try (UdpEndpoint e = UdpEndpoint.open(UdpOptions.loopback(StandardProtocolFamily.INET, 0))) {
            return e.localAddress().getPort();
        }
    }
}
