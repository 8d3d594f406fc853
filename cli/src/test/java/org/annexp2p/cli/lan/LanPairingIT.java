package org.annexp2p.cli.lan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.annexp2p.cli.interop.AnnexP2p;
import org.annexp2p.cli.interop.GitAnnex;
import org.annexp2p.pairing.lan.LanIdentity;
import org.annexp2p.pairing.lan.LanPeer;
import org.annexp2p.pairing.lan.LanPeers;
import org.annexp2p.repository.creds.CredsDir;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code annex-p2p pair --lan} processes on loopback pair end to end (secret on both sides; QR payload; discovery
 * first with the QR text as confirmation, also among several devices and with discovery failing; manual address), and
 * the pairing carries a {@code get} over TLS pinned to the paired key; a wrong secret pairs nothing and writes nothing.
 */
class LanPairingIT {

    private static final Duration BOUND = Duration.ofSeconds(90);
    private static final Pattern OUR_KEY = Pattern.compile("^our key: ([0-9a-f]{64})$");
    private static final Pattern PAYLOAD = Pattern.compile("^payload: (.+)$");

    @TempDir
    Path dir;

    @BeforeAll
    static void peers() {
        GitAnnex.requireInstalled();
        AnnexP2p.jar();
    }

    @Test
    void secretOnBothSidesPairsAndGetWorksOverPinnedTls() throws Exception {
        Path a = GitAnnex.initRepo(dir.resolve("a"), "a");
        Path b = GitAnnex.initRepo(dir.resolve("b"), "b");
        String discovery = String.valueOf(LoopbackPairing.freeUdpPort());
        long started = System.nanoTime();
        try (RunningTool pa = RunningTool.start(dir, "pair", "--lan", "--repo", a.toString(), "--secret", "blue heron at dusk", "--loopback",
                "--discovery-port", discovery, "--timeout", "60");
                RunningTool pb = RunningTool.start(dir, "pair", "--lan", "--repo", b.toString(), "--secret", "blue heron at dusk", "--loopback",
                        "--discovery-port", discovery, "--timeout", "60")) {
            assertThat(pa.exit(BOUND)).as("a: %s", pa.err()).isZero();
            assertThat(pb.exit(BOUND)).as("b: %s", pb.err()).isZero();
            System.out.printf("LAN pairing (secret + discovery, two processes incl. JVM start): %d ms%n",
                    (System.nanoTime() - started) / 1_000_000);
            assertCrossPinned(pa, pb);
        }
        assertPairingSaved(a);
        assertPairingSaved(b);
        String key = GitAnnex.addFile(b, "song.txt", "la la la\n".getBytes(StandardCharsets.UTF_8));
        try (RunningTool serve = RunningTool.start(dir, "serve", "--repo", b.toString(), "--lan-listen", "127.0.0.1:0")) {
            String address = serve.await(Pattern.compile("on (lan://[0-9.]+:[0-9]+)"), BOUND);
            Path out = dir.resolve("got.txt");
            GitAnnex.Result got = AnnexP2p.run(dir, Map.of(), "get", "--repo", a.toString(), "--address", address, key, out.toString());
            assertThat(got.exit()).as("get over lan://: %s", got.err()).isZero();
            assertThat(Files.readString(out)).isEqualTo("la la la\n");

            // The same peer presenting a key other than the paired one is refused by the client.
            Path peers = a.resolve(".git/annex/creds").resolve(LanPeers.FILE);
            String saved = Files.readString(peers);
            Files.writeString(peers, saved.replaceFirst(" [0-9a-f]{64} ", " " + "0".repeat(64) + " "));
            GitAnnex.Result refused = AnnexP2p.run(dir, Map.of(), "get", "--repo", a.toString(), "--address", address, key,
                    dir.resolve("refused.txt").toString());
            Files.writeString(peers, saved);
            assertThat(refused.exit()).isEqualTo(1);
            assertThat(refused.err()).contains("not the paired key");
            assertThat(dir.resolve("refused.txt")).doesNotExist();

            // A client whose own key b never paired with is refused by b's server, even holding a valid token.
            Path c = GitAnnex.initRepo(dir.resolve("c"), "c");
            Path d = GitAnnex.initRepo(dir.resolve("d"), "d");
            LoopbackPairing.pair(dir, c, d, "another pair entirely");
            Files.writeString(c.resolve(".git/annex/creds").resolve(LanPeers.FILE), saved);
            GitAnnex.Result stranger = AnnexP2p.run(dir, Map.of(), "get", "--repo", c.toString(), "--address", address, key,
                    dir.resolve("stranger.txt").toString());
            assertThat(stranger.exit()).isEqualTo(1);
            assertThat(stranger.err()).contains("refused our key");
            assertThat(dir.resolve("stranger.txt")).doesNotExist();
            serve.await(Pattern.compile("(refused)"), Duration.ofSeconds(10));
        }
    }

    @Test
    void qrPayloadShownOnOneSideAndGivenOnTheOtherPairs() throws Exception {
        Path a = GitAnnex.initRepo(dir.resolve("a"), "a");
        Path b = GitAnnex.initRepo(dir.resolve("b"), "b");
        long started = System.nanoTime();
        try (RunningTool shower = RunningTool.start(dir, "pair", "--lan", "--repo", a.toString(), "--qr", "--loopback", "--timeout", "60")) {
            String payload = shower.await(PAYLOAD, BOUND);
            try (RunningTool scanner = RunningTool.start(dir, "pair", "--lan", "--repo", b.toString(), "--payload", payload, "--loopback",
                    "--timeout", "60")) {
                assertThat(scanner.exit(BOUND)).as("scanner: %s", scanner.err()).isZero();
                assertThat(shower.exit(BOUND)).as("shower: %s", shower.err()).isZero();
                System.out.printf("LAN pairing (QR payload, from payload shown): %d ms%n", (System.nanoTime() - started) / 1_000_000);
                assertCrossPinned(shower, scanner);
            }
        }
        assertPairingSaved(a);
        assertPairingSaved(b);
    }

    @Test
    void discoveryFirstListsTheDeviceThenItsQrTextConfirmsIt() throws Exception {
        Path a = GitAnnex.initRepo(dir.resolve("a"), "a");
        Path b = GitAnnex.initRepo(dir.resolve("b"), "b");
        String discovery = String.valueOf(LoopbackPairing.freeUdpPort());
        try (RunningTool shower = showQr(b, discovery);
                RunningTool finder = RunningTool.startAskable(dir, "pair", "--lan", "--repo", a.toString(), "--find", "--loopback",
                        "--discovery-port", discovery, "--timeout", "60")) {
            String payload = shower.await(PAYLOAD, BOUND);
            // The list comes first, and only then the question: the payload is typed after the device was seen.
            finder.await(Pattern.compile("(type or paste the text)"), BOUND);
            long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (!finder.out().contains("found 1 device waiting to pair:\n  1. 127.0.0.1 (device ") && System.nanoTime() < until) {
                Thread.sleep(20); // stdout and stderr are read by two threads: the list may reach us just after the question
            }
            assertThat(finder.out()).contains("found 1 device waiting to pair:\n  1. 127.0.0.1 (device ");
            finder.type(payload);
            String confirmed = finder.await(Pattern.compile("^confirmed by the QR code: .* holds key ([0-9a-f]{64})$"), BOUND);
            assertThat(finder.exit(BOUND)).as("finder: %s", finder.err()).isZero();
            assertThat(shower.exit(BOUND)).as("shower: %s", shower.err()).isZero();
            assertCrossPinned(shower, finder);
            assertThat(shower.out()).contains("our key: " + confirmed);
        }
        assertPairingSaved(a);
        assertPairingSaved(b);
    }

    @Test
    void findPairsOnlyWithTheDeviceWhoseQrTextItWasGiven() throws Exception {
        Finder finder = findAmongTwoShowers(true);
        assertThat(finder.out()).contains("found 2 devices waiting to pair").contains("confirmed by the QR code");
    }

    @Test
    void findFallsBackToTheQrAddressesWhenDiscoveryFindsNobodyAndSaysWhy() throws Exception {
        Path a = GitAnnex.initRepo(dir.resolve("a"), "a");
        Path b = GitAnnex.initRepo(dir.resolve("b"), "b");
        // The shower announces on one port and the finder listens on another: discovery cannot meet.
        try (RunningTool shower = showQr(b, String.valueOf(LoopbackPairing.freeUdpPort()))) {
            String payload = shower.await(PAYLOAD, BOUND);
            try (RunningTool finder = findWith(a, payload, LoopbackPairing.freeUdpPort(), "--discovery-timeout", "2")) {
                assertThat(finder.exit(BOUND)).as("finder: %s", finder.err()).isZero();
                assertThat(shower.exit(BOUND)).as("shower: %s", shower.err()).isZero();
                assertThat(finder.err()).contains("discovery found no device: no peer found within 2 s")
                        .contains("trying the addresses in the QR code instead");
                assertCrossPinned(shower, finder);
            }
        }
        assertPairingSaved(a);
        assertPairingSaved(b);
    }

    @Test
    void findRefusesADeviceThatCannotProveTheQrCodeAndFallsBackToItsAddresses() throws Exception {
        Finder finder = findAmongTwoShowers(false);
        assertThat(finder.out()).contains("found 1 device waiting to pair").doesNotContain("confirmed by the QR code");
        assertThat(finder.err()).contains("none of the 1 devices found showed this QR code").contains("could not confirm")
                .contains("trying the addresses in the QR code instead");
    }

    /** What a finished {@code --find} printed. */
    private record Finder(String out, String err) {
    }

    /**
     * b and c both show QR codes; a runs --find with c's text. a always hears b (the wrong device), and hears c only
     * if {@code meantHeard}. Whichever way, a must pair with c and b must save nothing.
     */
    private Finder findAmongTwoShowers(boolean meantHeard) throws Exception {
        Path a = GitAnnex.initRepo(dir.resolve("a"), "a");
        Path b = GitAnnex.initRepo(dir.resolve("b"), "b");
        Path c = GitAnnex.initRepo(dir.resolve("c"), "c");
        String heard = String.valueOf(LoopbackPairing.freeUdpPort());
        Finder result;
        try (RunningTool wrong = showQr(b, heard);
                RunningTool meant = showQr(c, meantHeard ? heard : String.valueOf(LoopbackPairing.freeUdpPort()))) {
            wrong.await(PAYLOAD, BOUND);
            String payload = meant.await(PAYLOAD, BOUND);
            try (RunningTool finder = findWith(a, payload, heard)) {
                assertThat(finder.exit(BOUND)).as("finder: %s", finder.err()).isZero();
                assertThat(meant.exit(BOUND)).as("meant: %s", meant.err()).isZero();
                assertThat(finder.out()).contains("its key: " + payload.split(" ")[2]);
                assertCrossPinned(meant, finder);
                result = new Finder(finder.out(), finder.err());
            }
        }
        assertPairingSaved(a);
        assertPairingSaved(c);
        assertThat(b.resolve(".git/annex/creds").resolve(LanPeers.FILE)).doesNotExist();
        return result;
    }

    @Test
    void manualAddressOrderPairsWithoutDiscovery() throws Exception {
        Path a = GitAnnex.initRepo(dir.resolve("a"), "a");
        Path b = GitAnnex.initRepo(dir.resolve("b"), "b");
        try (RunningTool responder = RunningTool.start(dir, "pair", "--lan", "--repo", a.toString(), "--secret", "by hand", "--respond",
                "--loopback", "--timeout", "60")) {
            String where = responder.await(Pattern.compile("--address (\\S+)$"), BOUND);
            try (RunningTool requester = RunningTool.start(dir, "pair", "--lan", "--repo", b.toString(), "--secret", "by hand", "--address", where,
                    "--loopback", "--timeout", "60")) {
                assertThat(requester.exit(BOUND)).as("requester: %s", requester.err()).isZero();
                assertThat(responder.exit(BOUND)).as("responder: %s", responder.err()).isZero();
                assertCrossPinned(responder, requester);
            }
        }
        assertPairingSaved(a);
        assertPairingSaved(b);
    }

    @Test
    void wrongSecretNeverPairsAndWritesNothing() throws Exception {
        Path a = GitAnnex.initRepo(dir.resolve("a"), "a");
        Path b = GitAnnex.initRepo(dir.resolve("b"), "b");
        String discovery = String.valueOf(LoopbackPairing.freeUdpPort());
        try (RunningTool pa = RunningTool.start(dir, "pair", "--lan", "--repo", a.toString(), "--secret", "one phrase", "--loopback",
                "--discovery-port", discovery, "--timeout", "4");
                RunningTool pb = RunningTool.start(dir, "pair", "--lan", "--repo", b.toString(), "--secret", "another phrase", "--loopback",
                        "--discovery-port", discovery, "--timeout", "4")) {
            assertThat(pa.exit(BOUND)).isEqualTo(1);
            assertThat(pb.exit(BOUND)).isEqualTo(1);
            for (RunningTool p : List.of(pa, pb)) {
                assertThat(p.err()).containsOnlyOnce("pairing failed").contains("QR").doesNotContain("Exception");
                assertThat(p.out()).doesNotContain("paired with");
            }
        }
        for (Path r : List.of(a, b)) {
            Path creds = r.resolve(".git/annex/creds");
            assertThat(creds.resolve(LanPeers.FILE)).doesNotExist();
            assertThat(creds.resolve(LanIdentity.FILE)).doesNotExist();
            assertThat(creds.resolve("p2pauth")).doesNotExist();
        }
    }

    @Test
    void aPayloadThatIsNotOneIsRefusedInOneLine() throws Exception {
        Path a = GitAnnex.initRepo(dir.resolve("a"), "a");
        GitAnnex.Result r = AnnexP2p.run(dir, Map.of(), "pair", "--lan", "--repo", a.toString(), "--payload", "garbage!", "--loopback",
                "--timeout", "5");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().strip()).startsWith("annex-p2p: pairing failed: the --payload text is not a pairing payload").doesNotContain("\n");
        assertThat(a.resolve(".git/annex/creds").resolve(LanPeers.FILE)).doesNotExist();
    }

    /** {@code pair --lan --qr} for {@code repo}, announcing itself for --find on UDP {@code discoveryPort} (loopback only). */
    private RunningTool showQr(Path repo, Object discoveryPort) throws IOException {
        return RunningTool.start(dir, "pair", "--lan", "--repo", repo.toString(), "--qr", "--loopback", "--discovery-port",
                String.valueOf(discoveryPort), "--timeout", "60");
    }

    /** {@code pair --lan --find --payload PAYLOAD} for {@code repo}, listening on UDP {@code discoveryPort}, with --debug. */
    private RunningTool findWith(Path repo, String payload, Object discoveryPort, String... more) throws IOException {
        List<String> args = new java.util.ArrayList<>(List.of("pair", "--lan", "--repo", repo.toString(), "--find", "--payload", payload,
                "--loopback", "--discovery-port", String.valueOf(discoveryPort), "--timeout", "60", "--debug"));
        args.addAll(List.of(more));
        return RunningTool.start(dir, args.toArray(String[]::new));
    }

    private static void assertCrossPinned(RunningTool one, RunningTool other) throws InterruptedException {
        String oneOwn = one.await(OUR_KEY, Duration.ofSeconds(5));
        String otherOwn = other.await(OUR_KEY, Duration.ofSeconds(5));
        assertThat(one.out()).contains("its key: " + otherOwn);
        assertThat(other.out()).contains("its key: " + oneOwn);
        assertThat(oneOwn).isNotEqualTo(otherOwn);
    }

    private static void assertPairingSaved(Path repo) throws IOException {
        Path creds = repo.resolve(".git/annex/creds");
        for (String f : List.of(LanPeers.FILE, LanIdentity.FILE, "p2pauth")) {
            assertThat(creds.resolve(f)).exists();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(creds.resolve(f)))).as(f).isEqualTo("rw-------");
        }
        List<LanPeer> peers = LanPeers.read(new CredsDir(creds));
        assertThat(peers).hasSize(1);
        assertThat(Files.readString(creds.resolve("p2pauth"))).contains(peers.get(0).token().reveal());
        assertThat(peers.get(0).addresses()).isNotEmpty().allMatch(x -> x.getAddress().isLoopbackAddress());
    }
}
