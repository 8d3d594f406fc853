package org.annexp2p.transports.datagram;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Child program for {@link UdpMulticastNamespaceIT}, run inside a throw-away network namespace: two
 * endpoints per family on interface {@code args[0]} exchange one multicast datagram over IPv4
 * (224.0.0.167) and IPv6 (ff02::167). Prints {@code ok <family>} per success; exits 0 only if both worked.
 */
public final class UdpMulticastProbe {

    private UdpMulticastProbe() {
    }

    public static void main(String[] args) throws Exception {
        NetworkInterface nic = NetworkInterface.getByName(args[0]);
        if (nic == null) {
            System.out.println("no interface " + args[0]);
            System.exit(2);
        }
        boolean v4 = exchange(StandardProtocolFamily.INET, InetAddress.getByName("224.0.0.167"), nic);
        boolean v6 = exchange(StandardProtocolFamily.INET6, InetAddress.getByName("ff02::167"), nic);
        System.exit(v4 && v6 ? 0 : 1);
    }

    private static boolean exchange(StandardProtocolFamily family, InetAddress group, NetworkInterface nic) throws Exception {
        try (UdpEndpoint sender = UdpEndpoint.open(UdpOptions.lan(family, 0, nic))) {
            int port = sender.localAddress().getPort();
            try (UdpEndpoint receiver = UdpEndpoint.open(UdpOptions.lan(family, port, nic))) {
                receiver.joinGroup(group);
                sender.send(new InetSocketAddress(group, port), ("hello " + family).getBytes(StandardCharsets.UTF_8));
                Optional<Datagram> got = receiver.receive(Duration.ofSeconds(10));
                boolean ok = got.isPresent() && new String(got.get().payload(), StandardCharsets.UTF_8).equals("hello " + family);
                System.out.println((ok ? "ok " : "failed ") + family);
                return ok;
            }
        }
    }
}
