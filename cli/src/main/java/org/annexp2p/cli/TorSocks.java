package org.annexp2p.cli;

import java.net.InetSocketAddress;
import org.annexp2p.tor.socks.SocksPort;

/** Where tor's SOCKS port is for dialing onions (see {@link SocksPort}); a bad address is a usage error. */
final class TorSocks {
    private TorSocks() {}

    static InetSocketAddress resolve(String option) {
        try {
            return SocksPort.resolve(option, System.getenv());
        } catch (IllegalArgumentException e) {
            throw new Main.UsageException(e.getMessage());
        }
    }
}
