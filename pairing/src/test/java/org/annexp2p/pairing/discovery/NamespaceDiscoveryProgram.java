package org.annexp2p.pairing.discovery;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.annexp2p.pairing.LanPairing;
import org.annexp2p.pairing.secret.SharedSecret;

/**
 * Runs discovery on every interface of the network namespace it is started in, for {@link NamespaceDiscoveryIT}.
 * Arguments: {@code all|ipv6|broadcast <port> <phrase>}; {@code ipv6} keeps only IPv6 (ff02::) channels,
 * {@code broadcast} only IPv4 channels with their broadcast targets. Prints {@code FOUND <channel> <from>} or
 * {@code FALLBACK <reason>}.
 */
public final class NamespaceDiscoveryProgram {

    private NamespaceDiscoveryProgram() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        int port = Integer.parseInt(args[1]);
        LanChannels.Opened opened = LanChannels.onEveryInterface(port);
        List<DiscoveryChannel> channels = new ArrayList<>();
        for (DiscoveryChannel c : opened.channels()) {
            boolean v6 = c.name().endsWith("/ipv6");
            if (mode.equals("ipv6") && v6) {
                channels.add(c);
            } else if (mode.equals("broadcast") && !v6) {
                List<InetSocketAddress> broadcasts = c.targets().stream().filter(t -> !t.getAddress().isMulticastAddress()).toList();
                channels.add(new DiscoveryChannel(c.name() + "/broadcast", c.endpoint(), broadcasts));
            } else if (mode.equals("all")) {
                channels.add(c);
            } else {
                c.endpoint().close();
            }
        }
        System.out.println("CHANNELS " + channels.stream().map(c -> c.name() + c.targets()).toList() + " problems " + opened.problems());
        try (Discovery d = new Discovery(DeviceId.random(), SharedSecret.fromPhrase(args[2]), Clock.systemUTC(), channels, 4242, 1, Set.of())) {
            LanPairing.Found found = LanPairing.find(d, h -> true, Duration.ofMillis(200), Duration.ofSeconds(20));
            if (found instanceof LanPairing.Found.Peer p) {
                System.out.println("FOUND " + p.heard().channel() + " " + p.heard().from().getAddress().getHostAddress());
                // Keep announcing briefly so the other side finds us too even if it started later.
                LanPairing.find(d, h -> false, Duration.ofMillis(200), Duration.ofSeconds(2));
                System.exit(0);
            }
            System.out.println("FALLBACK " + ((LanPairing.Found.Fallback) found).reason());
            System.exit(1);
        }
    }
}
