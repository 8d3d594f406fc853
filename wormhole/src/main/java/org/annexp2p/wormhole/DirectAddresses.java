package org.annexp2p.wormhole;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.annexp2p.wormhole.transit.TransitListener;

/** Opens the direct-connection listener, advertising what Python would: this host's non-loopback addresses. */
final class DirectAddresses {

    private DirectAddresses() {
    }

    static Optional<TransitListener> listen(WormholeOptions options) throws TransferException {
        if (!options.listen()) {
            return Optional.empty();
        }
        List<InetAddress> addresses = options.directAddresses().isEmpty() ? discover() : options.directAddresses();
        try {
            return Optional.of(TransitListener.open(addresses));
        } catch (IOException e) {
            throw new TransferException("cannot listen for direct connections: " + e.getMessage(), e);
        }
    }

    private static List<InetAddress> discover() {
        List<InetAddress> found = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    if (!a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                        found.add(a);
                    }
                }
            }
        } catch (IOException e) {
            // fall back to loopback below
        }
        if (found.isEmpty()) {
            found.add(InetAddress.getLoopbackAddress());
        }
        return found;
    }
}
