package org.annexp2p.tor.privnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.IntStream;
import org.annexp2p.tor.privnet.ListenerPorts.OutsideEphemeralRange;
import org.junit.jupiter.api.Test;

class ListenerPortsTest {

    @Test
    void thePortsOfTheNetworkLieOutsideTheKernelsEphemeralRange() throws IOException {
        OutsideEphemeralRange kernel = OutsideEphemeralRange.ofKernel();
        List<Integer> taken = new ArrayList<>();
        for (int node = 0; node < 7; node++) {
            for (int port : kernel.take("node" + node, 3)) {
                taken.add(port);
            }
        }
        assertThat(taken).hasSize(21).doesNotHaveDuplicates()
                .allSatisfy(p -> assertThat(p < kernel.ephemeralLow() || p > kernel.ephemeralHigh())
                        .as("port %d outside %d-%d", p, kernel.ephemeralLow(), kernel.ephemeralHigh()).isTrue())
                .allSatisfy(p -> assertThat(p).isBetween(OutsideEphemeralRange.LOWEST, OutsideEphemeralRange.HIGHEST));
    }

    @Test
    void theCandidatesAreEveryPortBelowAndAboveTheRange() throws IOException {
        OutsideEphemeralRange debian = OutsideEphemeralRange.parse("32768\t60999\n");
        List<Integer> all = IntStream.range(0, debian.candidates()).map(debian::candidate).boxed().toList();
        assertThat(all).hasSize((32768 - 20000) + (65535 - 60999)).doesNotHaveDuplicates()
                .startsWith(20000, 20001).endsWith(65534, 65535).contains(32767, 61000)
                .doesNotContain(32768, 45000, 60999);
        // a range reaching below the lowest port leaves only the ports above it
        OutsideEphemeralRange wide = OutsideEphemeralRange.parse("1024 50000");
        assertThat(IntStream.range(0, wide.candidates()).map(wide::candidate).boxed().toList())
                .hasSize(65535 - 50000).startsWith(50001).endsWith(65535);
    }

    @Test
    void aTakenPortIsSkippedAndAPortIsHandedOutOnce() throws IOException {
        try (ServerSocket held = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = held.getLocalPort();
            // one candidate only: the port held here
            OutsideEphemeralRange one = new OutsideEphemeralRange(port, port + 1, OutsideEphemeralRange.HIGHEST);
            assertThat(one.candidates()).isEqualTo(1);
            assertThatThrownBy(() -> one.take("auth0", 1)).isInstanceOf(IOException.class)
                    .hasMessageContaining("no 1 free loopback ports");
        }
        OutsideEphemeralRange kernel = OutsideEphemeralRange.ofKernel();
        HashSet<Integer> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            for (int p : kernel.take("relay" + i, 3)) {
                assertThat(seen.add(p)).as("port %d handed out twice", p).isTrue();
            }
        }
    }

    @Test
    void anUnreadableRangeSaysWhatItRead() {
        assertThatThrownBy(() -> OutsideEphemeralRange.parse("32768")).isInstanceOf(IOException.class)
                .hasMessage("unexpected ip_local_port_range: 32768");
    }
}
