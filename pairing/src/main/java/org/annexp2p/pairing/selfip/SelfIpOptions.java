package org.annexp2p.pairing.selfip;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * How to find our own address.
 *
 * @param outboundTarget stage 1 asks the kernel which local address would be used to reach this address,
 *     by a UDP {@code connect()} that sends nothing; any address off our subnet works (default
 *     {@code 203.0.113.1}, TEST-NET-3)
 * @param candidates stage 2's interface addresses (default: {@link SelfIp#privateInterfaceAddresses()})
 * @param ownSourcesByDiscovery stage 3: sends our own announcement and returns the source addresses it came back
 *     from within the given bound (empty when discovery is unavailable)
 * @param acceptLoopback count loopback addresses as ours (single-host setups and tests); otherwise a loopback
 *     answer means "no LAN address" and the stage falls through
 * @param probeTimeout bound on each probe call
 */
public record SelfIpOptions(InetSocketAddress outboundTarget, Supplier<List<InetAddress>> candidates,
        Function<Duration, List<InetAddress>> ownSourcesByDiscovery, boolean acceptLoopback, Duration probeTimeout) {

    public static final InetSocketAddress DEFAULT_OUTBOUND_TARGET = new InetSocketAddress(SelfIp.literalOrThrow("203.0.113.1"), 9);

    public SelfIpOptions {
        Objects.requireNonNull(outboundTarget, "outboundTarget");
        Objects.requireNonNull(candidates, "candidates");
        Objects.requireNonNull(ownSourcesByDiscovery, "ownSourcesByDiscovery");
        Objects.requireNonNull(probeTimeout, "probeTimeout");
    }

    /** Production defaults, without discovery (stage 3 then reports that it was not available). */
    public static SelfIpOptions defaults() {
        return new SelfIpOptions(DEFAULT_OUTBOUND_TARGET, SelfIp::privateInterfaceAddresses, bound -> List.of(), false, Duration.ofSeconds(2));
    }

    public SelfIpOptions withDiscovery(Function<Duration, List<InetAddress>> ownSources) {
        return new SelfIpOptions(outboundTarget, candidates, ownSources, acceptLoopback, probeTimeout);
    }
}
