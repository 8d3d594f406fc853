package org.annexp2p.cli.lan;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.annexp2p.pairing.tls.TlsConnection;
import org.annexp2p.pairing.tls.TlsIdentity;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.transports.Connection;

/** The client side of {@code --address lan://HOST:PORT}: TLS pinned to the paired peer's key, and its token. */
public final class LanDial {

    private LanDial() {
    }

    /** A connection to a paired peer, and the token we share with it. */
    public record Link(Connection connection, AuthToken token) {
    }

    /**
     * Connects to {@code hostPort} presenting this repository's LAN identity and accepting only the key of the paired
     * peer at that address (or the only paired peer).
     *
     * @throws IOException naming the address and why: not paired, unreachable, or a key other than the paired one
     */
    public static Link open(Path repo, String hostPort, Duration timeout) throws IOException {
        if (repo == null) {
            throw new IllegalArgumentException("--address lan://... needs --repo: the pairing is stored in the repository");
        }
        InetSocketAddress address;
        try {
            address = LanAddress.parse(hostPort);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("lan:// addresses are lan://IP:PORT with a literal IP: " + e.getMessage());
        }
        Path creds = AnnexRepository.open(repo).creds().dir();
        List<LanPeer> peers = LanPeers.read(creds);
        LanPeer peer = LanPeers.forAddress(peers, address).orElseThrow(() -> new IOException(peers.isEmpty()
                ? "this repository is not paired with any LAN peer; run `annex-p2p pair --lan` first"
                : "none of the " + peers.size() + " LAN peers paired with this repository is known at " + hostPort));
        TlsIdentity identity = LanIdentity.load(creds);
        TlsConnection c = LanLink.dial(address, identity, peer.key(), timeout);
        return new Link(c, peer.token());
    }
}
