package org.annexp2p.cli.lan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;

/** Two repositories paired by two {@code pair --lan --secret --loopback} processes, for tests of what pairing enables. */
final class LoopbackPairing {

    private static final Duration BOUND = Duration.ofSeconds(90);

    private LoopbackPairing() {
    }

    /** Pairs {@code one} and {@code other} (processes run in {@code dir}) on a discovery port of their own. */
    static void pair(Path dir, Path one, Path other, String secret) throws Exception {
        String discovery = String.valueOf(freeUdpPort());
        try (RunningTool p1 = RunningTool.start(dir, "pair", "--lan", "--repo", one.toString(), "--secret", secret, "--loopback",
                "--discovery-port", discovery, "--timeout", "60");
                RunningTool p2 = RunningTool.start(dir, "pair", "--lan", "--repo", other.toString(), "--secret", secret, "--loopback",
                        "--discovery-port", discovery, "--timeout", "60")) {
            assertThat(p1.exit(BOUND)).as("%s", p1.err()).isZero();
            assertThat(p2.exit(BOUND)).as("%s", p2.err()).isZero();
        }
    }

    /** A UDP port free on loopback just now: a test's own discovery port, so parallel runs do not hear each other. */
    static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return s.getLocalPort();
        }
    }
}
