package org.annexp2p.pairing.discovery;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.annexp2p.transports.datagram.DatagramEndpoint;
import org.annexp2p.transports.datagram.UdpEndpoint;
import org.annexp2p.transports.datagram.UdpOptions;

/**
 * Opens discovery channels on every up, multicast-capable interface, one per address family present, so a
 * VPN that owns the default route cannot swallow the announcements (syncthing#1761, localsend#527).
 * IPv4 channels target the group and the interface's directed broadcast address; IPv6 channels the group.
 */
public final class LanChannels {

    private LanChannels() {
    }

    /** The channels that could be opened, and why the others could not. */
    public record Opened(List<DiscoveryChannel> channels, List<String> problems) {
        public Opened {
            channels = List.copyOf(channels);
            problems = List.copyOf(problems);
        }
    }

    public static Opened onEveryInterface(int port) {
        List<DiscoveryChannel> channels = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<NetworkInterface> interfaces;
        try {
            interfaces = Collections.list(NetworkInterface.getNetworkInterfaces());
        } catch (SocketException e) {
            return new Opened(channels, List.of("cannot list network interfaces: " + e.getMessage()));
        }
        for (NetworkInterface nif : interfaces) {
            try {
                if (!nif.isUp() || nif.isLoopback() || !nif.supportsMulticast()) {
                    continue;
                }
            } catch (SocketException e) {
                problems.add(nif.getName() + ": " + e.getMessage());
                continue;
            }
            List<InetSocketAddress> v4Targets = new ArrayList<>();
            boolean hasV6 = false;
            for (InterfaceAddress ia : nif.getInterfaceAddresses()) {
                if (ia.getAddress() instanceof Inet4Address) {
                    if (v4Targets.isEmpty()) {
                        v4Targets.add(DiscoveryGroups.ipv4(port));
                    }
                    InetAddress broadcast = ia.getBroadcast();
                    if (broadcast != null) {
                        v4Targets.add(new InetSocketAddress(broadcast, port));
                    }
                } else if (ia.getAddress() instanceof Inet6Address) {
                    hasV6 = true;
                }
            }
            if (!v4Targets.isEmpty()) {
                open(nif, StandardProtocolFamily.INET, port, DiscoveryGroups.IPV4_GROUP, v4Targets, channels, problems);
            }
            if (hasV6) {
                open(nif, StandardProtocolFamily.INET6, port, DiscoveryGroups.IPV6_GROUP, List.of(DiscoveryGroups.ipv6(port)), channels, problems);
            }
        }
        if (channels.isEmpty() && problems.isEmpty()) {
            problems.add("no up, multicast-capable, non-loopback interface");
        }
        return new Opened(channels, problems);
    }

    /** A channel on the given options (e.g. {@link UdpOptions#loopback}), for tests and self-checks. */
    public static DiscoveryChannel open(String name, UdpOptions options, List<InetSocketAddress> targets) throws IOException {
        DatagramEndpoint endpoint = UdpEndpoint.open(options);
        try {
            for (InetSocketAddress t : targets) {
                if (t.getAddress().isMulticastAddress()) {
                    endpoint.joinGroup(t.getAddress());
                }
            }
        } catch (IOException e) {
            endpoint.close();
            throw e;
        }
        return new DiscoveryChannel(name, endpoint, targets);
    }

    private static void open(NetworkInterface nif, StandardProtocolFamily family, int port, InetAddress group,
            List<InetSocketAddress> targets, List<DiscoveryChannel> channels, List<String> problems) {
        String name = nif.getName() + (family == StandardProtocolFamily.INET ? "/ipv4" : "/ipv6");
        try {
            channels.add(open(name, UdpOptions.lan(family, port, nif), targets));
        } catch (IOException e) {
            problems.add(name + ": " + e.getMessage());
        }
    }
}
