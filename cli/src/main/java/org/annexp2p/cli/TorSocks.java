package org.annexp2p.cli;

import java.net.InetSocketAddress;
import org.annexp2p.session.plugin.BadUsageException;
import org.annexp2p.session.plugin.onion.OnionPlugin;

/** Where tor's SOCKS port is for dialing onions (see {@link OnionPlugin#socks(String)}), a bad one being bad usage. */
final class TorSocks {
    private TorSocks() {}

    static InetSocketAddress resolve(String option) {
        try {
            return OnionPlugin.socks(option);
        } catch (BadUsageException e) {
            throw new Main.UsageException(e.getMessage());
        }
    }
}
