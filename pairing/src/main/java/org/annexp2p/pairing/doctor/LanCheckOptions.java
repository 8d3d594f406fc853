package org.annexp2p.pairing.doctor;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.annexp2p.pairing.discovery.DiscoveryGroups;
import org.annexp2p.pairing.discovery.LanChannels;
import org.annexp2p.pairing.selfip.SelfIpOptions;
import org.annexp2p.transports.FailureWords;
import org.annexp2p.transports.datagram.UdpOptions;

/**
 * What the LAN checks run against.
 *
 * @param listenerBind where the pairing/confirmation listener would listen (wildcard and the configured port)
 * @param channels opens the discovery channels for the multicast self-test (default: every interface)
 * @param selfIp self-IP options (stage 3 is wired to the multicast self-test by {@link LanChecks})
 * @param bound how long each network wait may take
 */
public record LanCheckOptions(InetSocketAddress listenerBind, Supplier<LanChannels.Opened> channels, SelfIpOptions selfIp, Duration bound) {

    public LanCheckOptions {
        Objects.requireNonNull(listenerBind, "listenerBind");
        Objects.requireNonNull(channels, "channels");
        Objects.requireNonNull(selfIp, "selfIp");
        Objects.requireNonNull(bound, "bound");
    }

    /** Production: every interface, the given listener port, default self-IP stages. */
    public static LanCheckOptions defaults(int listenerPort, int discoveryPort) {
        return new LanCheckOptions(new InetSocketAddress(listenerPort), () -> LanChannels.onEveryInterface(discoveryPort),
                SelfIpOptions.defaults(), Duration.ofSeconds(3));
    }

    /** Single host (tests): the listener, the multicast self-test and the own-address stages all on loopback. */
    public static LanCheckOptions loopback(int listenerPort, int discoveryPort) {
        InetAddress lo = InetAddress.getLoopbackAddress();
        // A loopback "outbound" target keeps stage 1 on loopback too, where the confirmation listener is bound.
        SelfIpOptions selfIp = new SelfIpOptions(new InetSocketAddress(lo, 9), () -> List.of(lo), bound -> List.of(), true,
                Duration.ofSeconds(2));
        return new LanCheckOptions(new InetSocketAddress(lo, listenerPort), () -> {
            try {
                return new LanChannels.Opened(List.of(LanChannels.open("lo/ipv4", UdpOptions.loopback(StandardProtocolFamily.INET, discoveryPort),
                        List.of(DiscoveryGroups.ipv4(discoveryPort)))), List.of());
            } catch (IOException e) {
                return new LanChannels.Opened(List.of(), List.of("lo/ipv4: " + FailureWords.of(e)));
            }
        }, selfIp, Duration.ofSeconds(3));
    }
}
