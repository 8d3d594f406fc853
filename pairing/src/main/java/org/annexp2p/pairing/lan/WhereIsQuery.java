package org.annexp2p.pairing.lan;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.annexp2p.pairing.discovery.Announcement;
import org.annexp2p.pairing.discovery.DeviceId;
import org.annexp2p.pairing.discovery.Discovery;
import org.annexp2p.pairing.discovery.DiscoveryChannel;
import org.annexp2p.pairing.discovery.Heard;
import org.annexp2p.pairing.tls.TlsConnection;
import org.annexp2p.transports.FailureWords;

/**
 * A client's "where is repository X now?" for a paired peer none of whose saved addresses answered. Each answer
 * (its source IP, the port it announces) is dialed through {@code dial}, which pins the peer's saved key: an
 * answer forged by anyone without the pairing's token fails the MAC, and one from a holder of the token that
 * points elsewhere still meets a TLS key it cannot present.
 */
final class WhereIsQuery {

    static final Duration BOUND = Duration.ofSeconds(4);
    private static final Duration INTERVAL = Duration.ofMillis(500);
    // A HereIs names a port only: our own queries need none, but Discovery wants a valid one to hold.
    private static final int NO_LISTENER = 1;

    /** Dialing one answer; its IOException names the address and why. */
    interface Dial {
        TlsConnection to(InetSocketAddress address) throws IOException;
    }

    /** Where the peer answered from, and the connection made there. */
    record Found(InetSocketAddress address, TlsConnection connection) {
    }

    private WhereIsQuery() {
    }

    /**
     * Asks on {@code scope} (UDP {@code port}) for up to {@code bound}, dialing each new answer until one connects.
     * Empty if none did; then {@code problems} has gained one line per failed answer, or one saying none came.
     */
    static Optional<Found> ask(LanPeer peer, DiscoveryScope scope, int port, Duration bound, Dial dial, List<String> problems) {
        UUID repository;
        try {
            repository = UUID.fromString(peer.uuid());
        } catch (IllegalArgumentException e) {
            problems.add("its UUID " + peer.uuid() + " is not a UUID, so where-is cannot ask for it");
            return Optional.empty();
        }
        List<DiscoveryChannel> channels;
        try {
            channels = scope.open(port, p -> { });
        } catch (IOException e) {
            problems.add("cannot ask where-is on " + scope + " (UDP port " + port + "): " + FailureWords.of(e));
            return Optional.empty();
        }
        if (channels.isEmpty()) {
            problems.add("no network interface to ask where-is on");
            return Optional.empty();
        }
        Set<InetSocketAddress> tried = new HashSet<>();
        long deadline = System.nanoTime() + bound.toNanos();
        try (Discovery discovery = new Discovery(DeviceId.random(), WhereIsSecret.of(peer.token()), Clock.systemUTC(), channels,
                NO_LISTENER, 0, Set.of())) {
            long left;
            while ((left = deadline - System.nanoTime()) > 0) {
                Optional<Heard> heard = discovery.locate(repository, INTERVAL, Duration.ofNanos(left));
                if (heard.isEmpty()) {
                    break;
                }
                Announcement.HereIs here = (Announcement.HereIs) heard.get().announcement();
                InetSocketAddress at = new InetSocketAddress(heard.get().from().getAddress(), here.listenerPort());
                if (!tried.add(at)) {
                    continue;
                }
                try {
                    return Optional.of(new Found(at, dial.to(at)));
                } catch (IOException e) {
                    problems.add("it answered where-is from " + LanAddress.format(at) + ", but " + FailureWords.of(e));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (tried.isEmpty()) {
            problems.add("nothing answered where-is on " + scope + " (UDP port " + port + ") within " + bound.toSeconds() + " s");
        }
        return Optional.empty();
    }
}
