package org.annexp2p.pairing.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.annexp2p.pairing.discovery.DiscoveryGroups;
import org.annexp2p.pairing.discovery.LanChannels;
import org.annexp2p.pairing.selfip.SelfIpOptions;
import org.annexp2p.transports.datagram.UdpOptions;
import org.junit.jupiter.api.Test;

/** The doctor's LAN checks, pointed at loopback so the test never touches a real network. */
class LanChecksTest {

    private static final InetAddress LO = InetAddress.getLoopbackAddress();
    private static final List<String> NAMES = List.of("network interfaces", "listener port", "multicast self-test", "own address", "confirmation listener");

    @Test
    void onAWorkingLoopbackEveryLanCheckPasses() {
        SelfIpOptions selfIp = new SelfIpOptions(new InetSocketAddress(literal("127.0.0.2"), 9),
                () -> List.of(LO), bound -> List.of(), true, Duration.ofSeconds(3));
        LanCheckOptions options = new LanCheckOptions(new InetSocketAddress(LO, 0), LanChecksTest::loopbackChannel, selfIp, Duration.ofSeconds(5));

        Map<String, Check> checks = byName(LanChecks.run(options));

        assertThat(checks.keySet()).containsExactlyElementsOf(NAMES);
        assertThat(checks.get("listener port").status()).isEqualTo(Check.Status.OK);
        assertThat(checks.get("multicast self-test").status()).as(checks.get("multicast self-test").detail()).isEqualTo(Check.Status.OK);
        assertThat(checks.get("own address").status()).as(checks.get("own address").detail()).isEqualTo(Check.Status.OK);
        assertThat(checks.get("own address").detail()).startsWith("127.0.0.1");
        assertThat(checks.get("confirmation listener").status()).as(checks.get("confirmation listener").detail()).isEqualTo(Check.Status.OK);
    }

    @Test
    void failuresAreReportedAndEveryCheckStillRuns() throws IOException {
        SelfIpOptions selfIp = new SelfIpOptions(new InetSocketAddress(literal("127.0.0.2"), 9), () -> List.of(LO), bound -> List.of(), false, Duration.ofSeconds(2));
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, LO)) {
            LanCheckOptions options = new LanCheckOptions(new InetSocketAddress(LO, taken.getLocalPort()),
                    () -> new LanChannels.Opened(List.of(), List.of("eth9: no such interface")), selfIp, Duration.ofMillis(500));

            Map<String, Check> checks = byName(LanChecks.run(options));

            assertThat(checks.keySet()).containsExactlyElementsOf(NAMES);
            assertThat(checks.get("listener port")).satisfies(c -> {
                assertThat(c.status()).isEqualTo(Check.Status.FAIL);
                assertThat(c.detail()).contains("cannot bind TCP " + taken.getLocalPort());
            });
            assertThat(checks.get("multicast self-test")).satisfies(c -> {
                assertThat(c.status()).isEqualTo(Check.Status.FAIL);
                assertThat(c.detail()).contains("eth9: no such interface");
            });
            assertThat(checks.get("own address")).satisfies(c -> {
                assertThat(c.status()).isEqualTo(Check.Status.FAIL);
                assertThat(c.detail()).contains("outbound_route").contains("interface_probe").contains("discovery");
            });
            assertThat(checks.get("confirmation listener").status()).isEqualTo(Check.Status.SKIP);
            assertThat(Check.Status.SKIP.json()).isEqualTo("skip");
        }
    }

    private static LanChannels.Opened loopbackChannel() {
        try {
            int port;
            try (var probe = org.annexp2p.transports.datagram.UdpEndpoint.open(UdpOptions.loopback(StandardProtocolFamily.INET, 0))) {
                port = probe.localAddress().getPort();
            }
            return new LanChannels.Opened(List.of(LanChannels.open("lo/ipv4", UdpOptions.loopback(StandardProtocolFamily.INET, port),
                    List.of(DiscoveryGroups.ipv4(port)))), List.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Check> byName(List<Check> checks) {
        return checks.stream().collect(Collectors.toMap(Check::name, Function.identity(), (a, b) -> a, java.util.LinkedHashMap::new));
    }

    private static InetAddress literal(String ip) {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) Integer.parseInt(ip.substring(ip.lastIndexOf('.') + 1))});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
