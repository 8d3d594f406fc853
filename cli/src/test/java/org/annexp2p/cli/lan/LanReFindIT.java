package org.annexp2p.cli.lan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.annexp2p.cli.interop.AnnexP2p;
import org.annexp2p.cli.interop.GitAnnex;
import org.annexp2p.pairing.lan.LanPeer;
import org.annexp2p.pairing.lan.LanPeers;
import org.annexp2p.repository.creds.CredsDir;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A paired peer that comes back on another port is found again by an authenticated where-is query (on loopback
 * only), reached over TLS pinned to its saved key, and its new address is saved; a peer that is nowhere makes the
 * client give up within the query's bound in one line.
 */
class LanReFindIT {

    private static final Duration BOUND = Duration.ofSeconds(90);
    private static final Pattern SERVING = Pattern.compile("on (lan://127\\.0\\.0\\.1:[0-9]+)");

    @TempDir
    Path dir;

    @BeforeAll
    static void peers() {
        GitAnnex.requireInstalled();
        AnnexP2p.jar();
    }

    @Test
    void aPeerServingOnANewPortIsReFoundAndItsAddressSaved() throws Exception {
        String key = pairedWithASongOnB();
        String discovery = String.valueOf(LoopbackPairing.freeUdpPort());
        String before;
        try (RunningTool serve = serve(dir.resolve("b"), "127.0.0.1:0", discovery)) {
            before = serve.await(SERVING, BOUND);
            GitAnnex.Result got = get(dir.resolve("a"), before, key, discovery, "first.txt");
            assertThat(got.exit()).as("get over lan://: %s", got.err()).isZero();
        }
        int moved = freeTcpPortOtherThan(port(before));
        try (RunningTool serve = serve(dir.resolve("b"), "127.0.0.1:" + moved, discovery)) {
            assertThat(serve.await(SERVING, BOUND)).isEqualTo("lan://127.0.0.1:" + moved);
            serve.await(Pattern.compile("(answering where-is queries from 1 paired peer)"), BOUND);

            long started = System.nanoTime();
            GitAnnex.Result got = get(dir.resolve("a"), before, key, discovery, "refound.txt");
            System.out.printf("get over lan:// re-finding a moved peer (incl. JVM start): %d ms%n", (System.nanoTime() - started) / 1_000_000);
            assertThat(got.exit()).as("get after the move: %s", got.err()).isZero();
            assertThat(Files.readString(dir.resolve("refound.txt"))).isEqualTo("la la la\n");
            assertThat(got.err()).contains("answered from lan://127.0.0.1:" + moved);

            Path creds = dir.resolve("a/.git/annex/creds");
            LanPeer b = LanPeers.read(new CredsDir(creds)).get(0);
            assertThat(b.addresses().get(0)).isEqualTo(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), moved));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(creds.resolve(LanPeers.FILE)))).isEqualTo("rw-------");
            assertThat(got.err() + got.out()).doesNotContain(b.token().reveal());

            // The saved address now carries the old lan:// address without asking anyone.
            GitAnnex.Result again = get(dir.resolve("a"), before, key, discovery, "again.txt");
            assertThat(again.exit()).as("get with the saved address: %s", again.err()).isZero();
            assertThat(again.err()).doesNotContain("answered from");
        }
    }

    @Test
    void aPeerThatIsNowhereFailsWithinTheBoundInOneLine() throws Exception {
        String key = pairedWithASongOnB();
        String discovery = String.valueOf(LoopbackPairing.freeUdpPort());
        long started = System.nanoTime();
        GitAnnex.Result got = get(dir.resolve("a"), "lan://127.0.0.1:" + freeTcpPortOtherThan(0), key, discovery, "nothing.txt");
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("get over lan:// to a peer that is nowhere gave up after %d ms (incl. JVM start):%n  %s%n", millis, got.err().strip());
        assertThat(got.exit()).isEqualTo(1);
        assertThat(millis).isLessThan(Duration.ofSeconds(30).toMillis());
        assertThat(got.err().strip()).doesNotContain("\n").doesNotContain("Exception")
                .startsWith("annex-p2p: cannot reach the paired LAN peer")
                .contains("nothing answered where-is on loopback (UDP port " + discovery + ") within 4 s")
                .contains("annex-p2p doctor");
        assertThat(dir.resolve("nothing.txt")).doesNotExist();
    }

    /** Repositories a and b in {@code dir}, paired; b has a file. Its key. */
    private String pairedWithASongOnB() throws Exception {
        Path a = GitAnnex.initRepo(dir.resolve("a"), "a");
        Path b = GitAnnex.initRepo(dir.resolve("b"), "b");
        LoopbackPairing.pair(dir, a, b, "moving day");
        return GitAnnex.addFile(b, "song.txt", "la la la\n".getBytes(StandardCharsets.UTF_8));
    }

    private RunningTool serve(Path repo, String listen, String discovery) throws IOException {
        return RunningTool.start(dir, "serve", "--repo", repo.toString(), "--lan-listen", listen, "--discovery-port", discovery);
    }

    private GitAnnex.Result get(Path repo, String address, String key, String discovery, String out) throws Exception {
        return AnnexP2p.run(dir, Map.of(), "get", "--repo", repo.toString(), "--address", address, "--discovery-port", discovery, key,
                dir.resolve(out).toString());
    }

    private static int port(String address) {
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }

    private static int freeTcpPortOtherThan(int taken) throws IOException {
        while (true) {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                if (s.getLocalPort() != taken) {
                    return s.getLocalPort();
                }
            }
        }
    }
}
