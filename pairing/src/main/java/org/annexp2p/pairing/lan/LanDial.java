package org.annexp2p.pairing.lan;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.annexp2p.pairing.tls.KeyFingerprint;
import org.annexp2p.pairing.tls.PinnedTls;
import org.annexp2p.pairing.tls.TlsConnection;
import org.annexp2p.pairing.tls.TlsIdentity;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.transports.Connection;
import org.annexp2p.transports.FailureWords;
import org.annexp2p.repository.creds.CredsDir;

/**
 * The client side of {@code --address lan://HOST:PORT}: TLS pinned to the paired peer's key, and its token. When
 * neither that address nor any saved one answers, the peer is asked for on the LAN ({@link WhereIsQuery}) and,
 * once reached, its new address is saved.
 */
public final class LanDial {

    /** One attempt at one address: a peer with several addresses, or still starting, gets several. */
    public static final Duration LINK_ATTEMPT = Duration.ofSeconds(5);

    private LanDial() {
    }

    /** A connection to a paired peer, and the token we share with it. */
    public record Link(Connection connection, AuthToken token) {
    }


    /** The {@code IP:PORT} of a {@code lan://} address; a malformed one is said in one line. */
    public static InetSocketAddress parse(String hostPort) {
        try {
            return LanAddress.parse(hostPort);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("lan:// addresses are lan://IP:PORT with a literal IP: " + e.getMessage());
        }
    }

    /** As {@link #open}, with the pairings in {@code creds}. */
    public static Link reach(CredsDir creds, String hostPort, int discoveryPort, Duration timeout, Consumer<String> notices)
            throws IOException {
        InetSocketAddress address = parse(hostPort);
        List<LanPeer> peers = LanPeers.read(creds);
        LanPeer peer = LanPeers.forAddress(peers, address).orElseThrow(() -> new IOException(peers.isEmpty()
                ? "this repository is not paired with any LAN peer; run `annex-p2p pair --lan` first"
                : "none of the " + peers.size() + " LAN peers paired with this repository is known at " + hostPort));
        TlsIdentity identity = LanIdentity.load(creds);
        Set<InetSocketAddress> known = new LinkedHashSet<>();
        known.add(address);
        known.addAll(peer.addresses());
        // Several addresses, and a where-is after them: one silent address must not use up the whole timeout.
        Duration attempt = timeout.compareTo(LINK_ATTEMPT) < 0 ? timeout : LINK_ATTEMPT;
        List<String> problems = new ArrayList<>();
        for (InetSocketAddress a : known) {
            try {
                return new Link(dial(a, identity, peer.key(), attempt), peer.token());
            } catch (IOException e) {
                problems.add(FailureWords.of(e));
            }
        }
        DiscoveryScope scope = DiscoveryScope.of(known);
        Optional<WhereIsQuery.Found> found = WhereIsQuery.ask(peer, scope, discoveryPort, WhereIsQuery.BOUND,
                a -> dial(a, identity, peer.key(), attempt), problems);
        if (found.isEmpty()) {
            throw new IOException("cannot reach the paired LAN peer " + peer.uuid() + ": " + String.join("; ", problems)
                    + "; is `annex-p2p serve --lan-listen` running there? `annex-p2p doctor` checks this network");
        }
        InetSocketAddress now = found.get().address();
        LanPeers.store(creds, new LanPeer(peer.uuid(), peer.key(), peer.token(), moved(peer.addresses(), now)));
        notices.accept("note: the paired peer " + peer.uuid() + " answered from lan://" + LanAddress.format(now) + "; saved that address");
        return new Link(found.get().connection(), peer.token());
    }

    /** Connects to {@code address} presenting {@code own} and accepting only {@code pin}; errors name the address and why. */
    public static TlsConnection dial(InetSocketAddress address, TlsIdentity own, KeyFingerprint pin, Duration timeout) throws IOException {
        return new TlsConnection(PinnedTls.connect(address, own, pin, timeout));
    }

    /** {@code now} first; addresses on other IPs stay (another interface may still lead there), stale ports on its IP go. */
    static List<InetSocketAddress> moved(List<InetSocketAddress> saved, InetSocketAddress now) {
        List<InetSocketAddress> addresses = new ArrayList<>(List.of(now));
        for (InetSocketAddress a : saved) {
            if (!a.getAddress().equals(now.getAddress())) {
                addresses.add(a);
            }
        }
        return addresses;
    }
}
