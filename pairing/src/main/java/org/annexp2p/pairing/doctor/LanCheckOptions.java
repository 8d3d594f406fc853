package org.annexp2p.pairing.doctor;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import org.annexp2p.pairing.discovery.LanChannels;
import org.annexp2p.pairing.selfip.SelfIpOptions;

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
}
