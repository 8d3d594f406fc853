package org.annexp2p.tor.socks;

import java.net.InetSocketAddress;
import java.util.Map;
import org.annexp2p.tor.TorOptions;
import org.annexp2p.transports.tcp.TcpAddress;

/** Where tor's SOCKS port is for dialing onions: the user's choice, else $ANNEX_P2P_TOR_SOCKS, else git-annex's 127.0.0.1:9050. */
public final class SocksPort {
    private SocksPort() {
    }

    public static final InetSocketAddress GIT_ANNEX_DEFAULT = new InetSocketAddress("127.0.0.1", 9050);

    /** @throws IllegalArgumentException saying what is wrong with a given address */
    public static InetSocketAddress resolve(String option, Map<String, String> environment) {
        String given = option != null ? option : environment.get(TorOptions.ENV_SOCKS);
        if (given == null || given.isBlank()) {
            return GIT_ANNEX_DEFAULT;
        }
        try {
            TcpAddress a = TcpAddress.parse(given.trim());
            return new InetSocketAddress(a.host(), a.port());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("bad tor SOCKS address " + given + " (expected HOST:PORT): " + e.getMessage(), e);
        }
    }
}
