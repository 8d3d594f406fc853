package org.annexp2p.pairing.lan;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import org.annexp2p.pairing.discovery.DiscoveryChannel;
import org.annexp2p.pairing.discovery.DiscoveryGroups;
import org.annexp2p.pairing.discovery.LanChannels;
import org.annexp2p.transports.datagram.UdpOptions;

/**
 * Where discovery datagrams may go: only the loopback interface (two repositories on one machine, and tests,
 * which must never announce on a real network), or every up, multicast-capable interface.
 */
enum DiscoveryScope {
    LOOPBACK("loopback"),
    EVERY_INTERFACE("every LAN interface");

    private final String description;

    DiscoveryScope(String description) {
        this.description = description;
    }

    /** Loopback when every address is a loopback one: a peer known only there is on this machine. */
    public static DiscoveryScope of(Collection<InetSocketAddress> addresses) {
        boolean local = !addresses.isEmpty() && addresses.stream().allMatch(a -> a.getAddress() != null && a.getAddress().isLoopbackAddress());
        return local ? LOOPBACK : EVERY_INTERFACE;
    }

    /** The channels that could be opened on UDP {@code port}; each one that could not is told to {@code problems}. */
    public List<DiscoveryChannel> open(int port, Consumer<String> problems) throws IOException {
        if (this == LOOPBACK) {
            return List.of(LanChannels.open("lo/ipv4", UdpOptions.loopback(StandardProtocolFamily.INET, port),
                    List.of(DiscoveryGroups.ipv4(port))));
        }
        LanChannels.Opened opened = LanChannels.onEveryInterface(port);
        opened.problems().forEach(problems);
        return opened.channels();
    }

    @Override
    public String toString() {
        return description;
    }
}
