package org.annexp2p.pairing.discovery;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Where announcements go. The IPv4 group is in 224.0.0.0/24 because some Android devices accept no other
 * multicast range (LocalSend's finding); both groups are link-local scope and sent with TTL / hop limit 1.
 */
public final class DiscoveryGroups {

    public static final int PORT = 55557;
    public static final InetAddress IPV4_GROUP = literal("224.0.0.199");
    public static final InetAddress IPV6_GROUP = literal("ff02::a2e:1");
    public static final InetAddress IPV4_BROADCAST = literal("255.255.255.255");

    private DiscoveryGroups() {
    }

    public static InetSocketAddress ipv4(int port) {
        return new InetSocketAddress(IPV4_GROUP, port);
    }

    public static InetSocketAddress ipv6(int port) {
        return new InetSocketAddress(IPV6_GROUP, port);
    }

    private static InetAddress literal(String ip) {
        try {
            return InetAddress.getByName(ip);
        } catch (UnknownHostException e) {
            throw new AssertionError("literal IP " + ip, e);
        }
    }
}
