package org.annexp2p.transports.datagram;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.annexp2p.transports.stdio.CommandConnection;
import org.annexp2p.transports.stdio.CommandOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Real IPv4 and IPv6 multicast through {@link UdpEndpoint}. The host's loopback interface cannot carry
 * IPv6 multicast, so the probe runs in a network namespace made for the test ({@code unshare --net}) with a
 * veth pair; the namespace has no route anywhere else and disappears with the process.
 */
@Timeout(120)
class UdpMulticastNamespaceIT {

    @Test
    void multicastWorksOverIpv4AndIpv6InAPrivateNamespace() throws Exception {
        for (String program : List.of("unshare", "ip")) {
            assertThat(onPath(program)).as("'" + program + "' must be installed for this test (util-linux / iproute2)").isTrue();
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = codeSource(UdpMulticastProbe.class) + File.pathSeparator + codeSource(UdpEndpoint.class);
        String script = String.join(" && ",
                "ip link set lo up",
                "ip link add v0 type veth peer name v1",
                "ip link set v0 up",
                "ip link set v1 up",
                "ip -6 addr add fe80::1/64 dev v0 nodad",
                "ip addr add 10.201.0.1/24 dev v0",
                "exec \"$0\" -cp \"$1\" " + UdpMulticastProbe.class.getName() + " v0");
        ConcurrentLinkedQueue<String> stderr = new ConcurrentLinkedQueue<>();
        try (CommandConnection probe = CommandConnection.start(
                List.of("unshare", "--net", "sh", "-c", script, java, classpath),
                CommandOptions.defaults().withStderrLines(stderr::add))) {
            probe.shutdownOutput();
            String out = new String(probe.input().readAllBytes(), StandardCharsets.UTF_8);
            OptionalInt exit = probe.waitFor(Duration.ofSeconds(60));
            assertThat(exit).as("probe exit code; output: %s; stderr: %s", out, String.join("\n", stderr)).hasValue(0);
            assertThat(out).contains("ok INET", "ok INET6");
        }
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin", program)) || Files.isExecutable(Path.of("/sbin", program));
    }

    private static String codeSource(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
