package org.annexp2p.pairing.discovery;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import org.annexp2p.transports.datagram.DatagramEndpoint;

/**
 * One way onto one link: an endpoint (bound to the discovery port, joined to the groups) and the
 * destinations an announcement is sent to (multicast groups and the link's IPv4 broadcast address).
 */
public record DiscoveryChannel(String name, DatagramEndpoint endpoint, List<InetSocketAddress> targets) {

    public DiscoveryChannel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(endpoint, "endpoint");
        targets = List.copyOf(targets);
    }
}
