package org.annexp2p.cli.lan;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.annexp2p.pairing.tls.PinnedTls;
import org.annexp2p.pairing.tls.TlsIdentity;
import org.annexp2p.pairing.tls.TrustedKeys;
import org.annexp2p.transports.ConnectionHandler;
import org.annexp2p.transports.ConnectionServer;
import org.annexp2p.transports.ServerOptions;

/** {@code serve --lan-listen}: the P2P server behind TLS that accepts only the keys of LAN-paired peers. */
public final class LanServing {

    private LanServing() {
    }

    /**
     * Listens on {@code hostPort} (a literal IP and port) with this repository's LAN identity; the handler still
     * requires AUTH, so a paired key alone does not open the repository.
     */
    public static ConnectionServer start(Path credsDir, String hostPort, ConnectionHandler handler, ServerOptions limits) throws IOException {
        TlsIdentity identity = LanIdentity.load(credsDir);
        List<LanPeer> peers = LanPeers.read(credsDir);
        if (peers.isEmpty()) {
            throw new IOException("no LAN peer is paired with this repository yet; run `annex-p2p pair --lan` first");
        }
        TrustedKeys trusted = new TrustedKeys();
        peers.forEach(p -> trusted.add(p.key()));
        PinnedTlsListener listener = new PinnedTlsListener(PinnedTls.listen(parse(hostPort), identity, trusted),
                line -> System.err.println("annex-p2p: " + line));
        return ConnectionServer.start(listener, handler, limits);
    }

    /** One line for the serve banner. */
    public static String describe(ConnectionServer server, Path credsDir) throws IOException {
        return "lan://" + server.address() + " (our key " + LanIdentity.load(credsDir).fingerprint().hex() + ")";
    }

    static java.net.InetSocketAddress parse(String hostPort) {
        try {
            return LanAddress.parse(hostPort);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--lan-listen wants a literal IP and port, e.g. 0.0.0.0:4243 or [::]:4243: " + e.getMessage());
        }
    }
}
