package org.annexp2p.pairing.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import org.annexp2p.testkit.process.Command;
import org.annexp2p.testkit.process.Finished;
import org.annexp2p.testkit.process.RunningCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Discovery between two network namespaces this test creates and joins with a veth pair (10.77.x.0/24 and
 * fd77::/64): real IPv6 link-local multicast (ff02::, which loopback cannot carry) and real IPv4 directed
 * broadcast, each on its own, from two JVMs. Needs root and iproute2; fails loudly without them.
 */
class NamespaceDiscoveryIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private final String suffix = Integer.toString(ThreadLocalRandom.current().nextInt(100_000, 999_999));
    private final String nsA = "axp-a-" + suffix;
    private final String nsB = "axp-b-" + suffix;
    private final List<RunningCommand> processes = new ArrayList<>();

    @BeforeEach
    void createNamespaces() throws Exception {
        String net = Integer.toString(ThreadLocalRandom.current().nextInt(1, 250));
        ip("netns", "add", nsA);
        ip("netns", "add", nsB);
        ip("-n", nsA, "link", "add", "va" + suffix, "type", "veth", "peer", "name", "vb" + suffix, "netns", nsB);
        for (String[] side : new String[][] {{nsA, "va" + suffix, "1"}, {nsB, "vb" + suffix, "2"}}) {
            run("ip", "netns", "exec", side[0], "sysctl", "-qw", "net.ipv6.conf.all.accept_dad=0", "net.ipv6.conf.default.accept_dad=0",
                    "net.ipv6.conf." + side[1] + ".accept_dad=0");
            ip("-n", side[0], "addr", "add", "10.77." + net + "." + side[2] + "/24", "brd", "+", "dev", side[1]);
            ip("-n", side[0], "addr", "add", "fd77:" + net + "::" + side[2] + "/64", "dev", side[1], "nodad");
            ip("-n", side[0], "link", "set", side[1], "up");
        }
        awaitCarrier(nsA, "va" + suffix);
        awaitCarrier(nsB, "vb" + suffix);
    }

    /** A veth end reports "up" only once both ends are; datagrams sent before that are lost. */
    private static void awaitCarrier(String namespace, String device) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            Finished state = Command.of("ip", "netns", "exec", namespace, "cat", "/sys/class/net/" + device + "/operstate")
                    .run(Duration.ofSeconds(10));
            if (state.out().strip().equals("up")) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(device + " in " + namespace + " did not come up within 10 s: " + state.out());
            }
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    @AfterEach
    void deleteNamespaces() throws Exception {
        processes.forEach(RunningCommand::close);
        // Deleting a namespace deletes the veth end inside it, and with it the pair.
        run("ip", "netns", "del", nsA);
        run("ip", "netns", "del", nsB);
    }

    @ParameterizedTest
    @CsvSource({"ipv6, /ipv6, fe80:", "broadcast, /ipv4/broadcast, 10.77.", "all, /ipv, ''"})
    void twoNamespacesFindEachOther(String mode, String channelSuffix, String sourcePrefix) throws Exception {
        RunningCommand a = start(nsA, mode);
        RunningCommand b = start(nsB, mode);
        int exitA = a.awaitExit(WAIT);
        int exitB = b.awaitExit(WAIT);
        String outA = a.out();
        String outB = b.out();
        assertThat(exitA).as(outA + a.err()).isZero();
        assertThat(exitB).as(outB + b.err()).isZero();
        for (String out : List.of(outA, outB)) {
            String found = out.lines().filter(l -> l.startsWith("FOUND ")).findFirst().orElseThrow();
            assertThat(found.split(" ")[1]).as(out).contains(channelSuffix);
            assertThat(found.split(" ")[2]).as(out).startsWith(sourcePrefix);
        }
    }

    private RunningCommand start(String namespace, String mode) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        RunningCommand p = Command.of("ip", "netns", "exec", namespace, java.toString(), "-cp", System.getProperty("java.class.path"),
                NamespaceDiscoveryProgram.class.getName(), mode, "55557", "namespace test phrase").start();
        processes.add(p);
        return p;
    }

    private static void ip(String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = "ip";
        System.arraycopy(args, 0, command, 1, args.length);
        int rc = run(command);
        assertThat(rc).as("`%s` failed: this test needs root and iproute2 to create network namespaces", String.join(" ", command)).isZero();
    }

    private static int run(String... command) throws Exception {
        Finished f = Command.of(command).run(Duration.ofSeconds(30));
        if (f.exit() != 0) {
            System.err.println(f.command() + ": " + f.out() + f.err());
        }
        return f.exit();
    }
}
