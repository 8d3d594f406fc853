package org.annexp2p.cli;

import java.net.InetSocketAddress;
import org.annexp2p.tor.TorOptions;
import org.annexp2p.transports.tcp.TcpAddress;

/** Where tor's SOCKS port is for dialing onions: --tor-socks, else $ANNEX_P2P_TOR_SOCKS, else git-annex's 127.0.0.1:9050. */
final class TorSocks {
    private TorSocks() {}

    static InetSocketAddress resolve(String option) {
        String given = option != null ? option : System.getenv(TorOptions.ENV_SOCKS);
        if (given == null || given.isBlank()) {
            return new InetSocketAddress("127.0.0.1", 9050);
        }
        try {
            TcpAddress a = TcpAddress.parse(given.trim());
            return new InetSocketAddress(a.host(), a.port());
        } catch (RuntimeException e) {
            throw new Main.UsageException("bad tor SOCKS address " + given + " (expected HOST:PORT): " + e.getMessage());
        }
    }
}
