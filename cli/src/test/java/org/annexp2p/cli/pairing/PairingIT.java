package org.annexp2p.cli.pairing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;
import org.annexp2p.cli.interop.AnnexP2p;
import org.annexp2p.cli.interop.GitAnnex;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.repository.creds.CredsDir;
import org.annexp2p.testkit.wormhole.WormholeServers;
import org.annexp2p.tor.onion.OnionAddress;
import org.annexp2p.tor.onion.TorAnnexAddress;
import org.annexp2p.tor.testing.SocksStandIn;
import org.annexp2p.wormhole.Wormhole;
import org.annexp2p.wormhole.WormholeException;
import org.annexp2p.wormhole.WormholeOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6 items 4-5: `annex-p2p pair` against itself and against the real `wormhole` CLI run exactly as
 * `git annex p2p --pair` runs it, over a mailbox server and transit relay on loopback. Each repository is
 * served by `annex-p2p serve` on a loopback port; its P2P address is a valid but fake onion that a SOCKS
 * stand-in maps to that port, so linking goes the same way it would through tor.
 */
class PairingIT {
    static final String APP_ID = "git-annex.branchable.com/p2p-setup";
    static final Pattern OUR_CODE = Pattern.compile("This repository's pairing code is: (\\S+)");
    static final Pattern PYTHON_CODE = Pattern.compile("Wormhole code is: (\\S+)");
    static final Pattern SERVING = Pattern.compile("serving .* on tcp://[^\\s]+:(\\d+)");
    static final Pattern RETRYING = Pattern.compile("Unable to connect to (\\S+)\\. Retrying");
    static final Duration STEP = Duration.ofSeconds(90);
    static final List<String> JAVA = List.of("java", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar");

    @TempDir
    Path tmp;
    WormholeServers servers;
    SocksStandIn socks;
    final Deque<AutoCloseable> started = new ArrayDeque<>();

    /** A repository with a P2P address, served, reachable through the SOCKS stand-in. */
    record Side(Path repo, TorAnnexAddress address) {
        CredsDir creds() {
            return new CredsDir(repo.resolve(".git/annex/creds"));
        }
    }

    @BeforeEach
    void startServers() throws Exception {
        GitAnnex.requireInstalled();
        PeerProcess.require("wormhole", "magic-wormhole");
        servers = WormholeServers.start(Files.createDirectories(tmp.resolve("servers")));
        started.push(servers);
        socks = new SocksStandIn(0);
        started.push(socks);
    }

    @AfterEach
    void stopEverything() throws Exception {
        while (!started.isEmpty()) {
            started.pop().close();
        }
    }

    @Test
    void twoAnnexP2pRepositoriesPairAndThenGetFromEachOther() throws Exception {
        Side a = side("a", 1);
        Side b = side("b", 2);
        byte[] inA = content(11, 50_000);
        byte[] inB = content(12, 70_000);
        String keyA = GitAnnex.addFile(a.repo(), "a.bin", inA);
        String keyB = GitAnnex.addFile(b.repo(), "b.bin", inB);

        Instant begin = Instant.now();
        PeerProcess pairA = pair(a, servers.relayUrl());
        PeerProcess pairB = pair(b, servers.relayUrl());
        String codeA = pairA.awaitStderr(OUR_CODE, STEP);
        String codeB = pairB.awaitStderr(OUR_CODE, STEP);
        pairA.type(codeB);
        pairB.type(codeA);
        assertThat(pairA.awaitExit(STEP)).as("pair a: %s", pairA).isZero();
        assertThat(pairB.awaitExit(STEP)).as("pair b: %s", pairB).isZero();
        System.out.printf("annex-p2p <-> annex-p2p: both paired %d ms after start (codes typed at once)%n",
                Duration.between(begin, Instant.now()).toMillis());

        assertRemote(a, "peer", b.address(), GitAnnex.uuid(b.repo()));
        assertRemote(b, "peer", a.address(), GitAnnex.uuid(a.repo()));
        // Each accepts ourHalf+theirHalf and presents theirHalf+ourHalf: A accepts exactly what B presents.
        String acceptedByA = onlyAccepted(a);
        String acceptedByB = onlyAccepted(b);
        assertThat(peerToken(b, a)).isEqualTo(acceptedByA);
        assertThat(peerToken(a, b)).isEqualTo(acceptedByB);
        assertThat(acceptedByA).hasSize(128);
        assertThat(acceptedByB).isEqualTo(acceptedByA.substring(64) + acceptedByA.substring(0, 64));
        assertThat(acceptedByA).isNotEqualTo(acceptedByB);
        assertPrivate(a.creds().file(CredsDir.ACCEPTED_TOKENS_FILE).path());
        assertPrivate(a.creds().file(b.address().onion().hostname()).path());
        assertPrivate(b.creds().file(a.address().onion().hostname()).path());

        // The stored tokens work: content travels both ways over the onion addresses.
        assertThat(getWithStoredToken(a, b, keyB)).isEqualTo(inB);
        assertThat(getWithStoredToken(b, a, keyA)).isEqualTo(inA);
        assertThat(socks.requested).contains(a.address().dialString(), b.address().dialString());
        assertNoPairDataLeft();
    }

    @Test
    void pairsWithAPeerRunningThePythonWormholeAsGitAnnexDoes() throws Exception {
        Side a = side("a", 3);
        Side g = side("g", 4); // served by annex-p2p, standing in for git-annex's tor-annex server
        byte[] inA = content(13, 40_000);
        String keyA = GitAnnex.addFile(a.repo(), "a.bin", inA);
        String halfG = randomHalf(5);
        Path gTmp = Files.createDirectories(tmp.resolve("g-pair"));
        Files.writeString(gTmp.resolve("send"), halfG + "\n" + g.address().format() + "\n", StandardCharsets.US_ASCII);

        Instant begin = Instant.now();
        PeerProcess gSend = python("wormhole send", "send", gTmp.resolve("send").toString());
        PeerProcess pairA = pair(a, servers.relayUrl());
        String codeA = pairA.awaitStderr(OUR_CODE, STEP);
        String codeG = gSend.awaitStderr(PYTHON_CODE, STEP);
        PeerProcess gReceive = python("wormhole receive", "receive", "--accept-file", "--output-file",
                gTmp.resolve("recv").toString());
        gReceive.type(codeA);
        pairA.type(codeG);
        assertThat(gReceive.awaitExit(STEP)).as("%s", gReceive).isZero();
        assertThat(gSend.awaitExit(STEP)).as("%s", gSend).isZero();

        // What git-annex does with what it received: accept ourHalf<>theirHalf (from its side: halfG<>ours).
        List<String> received = Files.readString(gTmp.resolve("recv"), StandardCharsets.US_ASCII).lines().toList();
        assertThat(received).hasSize(2);
        String halfA = received.get(0);
        assertThat(halfA).matches("[a-z0-9]{64}");
        assertThat(received.get(1)).isEqualTo(a.address().format());
        // git-annex stores it only once its own exchange is done: our first AUTH fails, and pair must retry.
        assertThat(pairA.awaitStderr(RETRYING, STEP)).isEqualTo(g.address().format());
        g.creds().addAcceptedToken(AuthToken.parse(halfG + halfA).get());

        assertThat(pairA.awaitExit(STEP)).as("pair a: %s", pairA).isZero();
        System.out.printf("annex-p2p <-> python wormhole as git-annex runs it: paired %d ms after start%n",
                Duration.between(begin, Instant.now()).toMillis());
        assertRemote(a, "peer", g.address(), GitAnnex.uuid(g.repo()));
        assertThat(onlyAccepted(a)).isEqualTo(halfA + halfG);
        assertThat(peerToken(a, g)).isEqualTo(halfG + halfA);
        assertPrivate(a.creds().file(g.address().onion().hostname()).path());

        // The token git-annex would present to us (theirHalf<>ourHalf from its side) opens our served repo.
        Path out = tmp.resolve("from-a.bin");
        AnnexP2p.run(tmp, Map.of(), "get", "--address", a.address().format(), "--token", halfA + halfG,
                "--tor-socks", socks.address(), keyA, out.toString()).ok();
        assertThat(Files.readAllBytes(out)).isEqualTo(inA);
        // And a token made the other way round does not.
        assertThat(AnnexP2p.run(tmp, Map.of(), "get", "--address", a.address().format(), "--token", halfG + halfA,
                "--tor-socks", socks.address(), keyA, tmp.resolve("refused.bin").toString()).exit()).isNotZero();
    }

    @Test
    void aPeerThatNeverAcceptsOurTokenFailsTheLinkAfterTheGivenRounds() throws Exception {
        Side a = side("a", 14);
        Side g = side("g", 15); // never told the token: it refuses our AUTH every time
        Path gTmp = Files.createDirectories(tmp.resolve("g-pair"));
        Files.writeString(gTmp.resolve("send"), randomHalf(16) + "\n" + g.address().format() + "\n", StandardCharsets.US_ASCII);
        PeerProcess gSend = python("wormhole send", "send", gTmp.resolve("send").toString());
        PeerProcess pairA = pair(a, servers.relayUrl(), "--link-attempts", "2");
        String codeA = pairA.awaitStderr(OUR_CODE, STEP);
        PeerProcess gReceive = python("wormhole receive", "receive", "--accept-file", "--output-file",
                gTmp.resolve("recv").toString());
        gReceive.type(codeA);
        pairA.type(gSend.awaitStderr(PYTHON_CODE, STEP));

        assertThat(pairA.awaitExit(STEP)).as("%s", pairA).isEqualTo(1);
        assertThat(gReceive.awaitExit(STEP)).as("%s", gReceive).isZero();
        assertThat(RETRYING.matcher(pairA.stderr()).results().count()).as("attempts: %s", pairA).isEqualTo(2);
        assertThat(lastLine(pairA.stderr())).startsWith("annex-p2p: Failed linking to pair: ");
        assertThat(GitAnnex.run(a.repo(), Map.of(), "git", "remote").ok().out()).as("remotes").isBlank();
        assertThat(a.creds().peerToken(g.address().onion().hostname()).isEmpty()).as("no token stored for the peer").isTrue();
        // Unlike git-annex, a pairing that failed keeps nothing: the token stored for the peer's link is taken back.
        assertThat(a.creds().acceptedTokens()).as("tokens accepted after a failed link").isEmpty();
    }

    @Test
    void aWrongCodeStoresNothingAndReleasesTheNameplates() throws Exception {
        Side a = side("a", 6);
        Path gTmp = Files.createDirectories(tmp.resolve("g-pair"));
        Files.writeString(gTmp.resolve("send"), randomHalf(7) + "\n" + onion(8).format() + "\n", StandardCharsets.US_ASCII);
        PeerProcess gSend = python("wormhole send", "send", gTmp.resolve("send").toString());
        PeerProcess pairA = pair(a, servers.relayUrl());
        pairA.awaitStderr(OUR_CODE, STEP);
        String codeG = gSend.awaitStderr(PYTHON_CODE, STEP);
        String nameplate = codeG.substring(0, codeG.indexOf('-'));
        String wrong = nameplate + (codeG.endsWith("-adroitness") ? "-aardvark-absurd" : "-aardvark-adroitness");
        pairA.type(wrong);

        assertThat(pairA.awaitExit(STEP)).as("%s", pairA).isEqualTo(1);
        assertThat(pairA.stderr()).contains("wrong code or tampering").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(gSend.awaitExit(STEP)).as("the python side sees the failed confirmation too: %s", gSend).isNotZero();
        assertNothingStored(a);
        assertThat(awaitNoNameplates()).as("nameplates still claimed on the server").isEmpty();
    }

    @Test
    void garbageFromTheOtherSideIsRefusedAndNothingStored() throws Exception {
        Side a = side("a", 9);
        Path gTmp = Files.createDirectories(tmp.resolve("g-pair"));
        byte[] garbage = content(10, 300);
        Files.write(gTmp.resolve("send"), garbage);
        PeerProcess gSend = python("wormhole send", "send", gTmp.resolve("send").toString());
        PeerProcess pairA = pair(a, servers.relayUrl());
        pairA.awaitStderr(OUR_CODE, STEP);
        pairA.type(gSend.awaitStderr(PYTHON_CODE, STEP));

        assertThat(pairA.awaitExit(STEP)).as("%s", pairA).isEqualTo(1);
        assertThat(lastLine(pairA.stderr())).startsWith("annex-p2p: Failed receiving data from pair: ");
        assertThat(pairA.stderr()).doesNotContain("Exception").doesNotContain("\tat ");
        assertNothingStored(a);
        assertThat(gSend.awaitExit(STEP)).as("the file itself was transferred: %s", gSend).isZero();

        // Text that is not pair data either: a token half but an address that is not one.
        Files.writeString(gTmp.resolve("send2"), randomHalf(11) + "\nhttp://example.invalid/\n", StandardCharsets.US_ASCII);
        PeerProcess gSend2 = python("wormhole send", "send", gTmp.resolve("send2").toString());
        PeerProcess pairA2 = pair(a, servers.relayUrl());
        pairA2.awaitStderr(OUR_CODE, STEP);
        pairA2.type(gSend2.awaitStderr(PYTHON_CODE, STEP));
        assertThat(pairA2.awaitExit(STEP)).as("%s", pairA2).isEqualTo(1);
        assertThat(lastLine(pairA2.stderr())).startsWith("annex-p2p: Failed receiving data from pair: not an address");
        assertNothingStored(a);
        assertThat(awaitNoNameplates()).as("nameplates still claimed on the server").isEmpty();
    }

    @Test
    void anUnreachableMailboxServerIsOneClearLineAndNothingStored() throws Exception {
        Side a = side("a", 12);
        int closed = WormholeServers.freePort();
        PeerProcess pairA = pair(a, "ws://127.0.0.1:" + closed + "/v1", "--code", "4-aardvark-adroitness");
        assertThat(pairA.awaitExit(STEP)).as("%s", pairA).isEqualTo(1);
        assertThat(pairA.stderr().lines().filter(l -> !l.isBlank()).toList()).as("one line").hasSize(1);
        assertThat(lastLine(pairA.stderr())).startsWith("annex-p2p: Failed sending data to pair: ")
                .contains("127.0.0.1:" + closed);
        assertThat(pairA.stderr()).contains("cannot reach the mailbox server").doesNotContain("\tat ")
                .doesNotContain("pairing code is");
        assertNothingStored(a);
    }

    // ---- the pieces -----------------------------------------------------------------------------------------

    private Side side(String name, int seed) throws Exception {
        Path repo = GitAnnex.initRepo(tmp.resolve(name), name);
        TorAnnexAddress address = onion(seed);
        new CredsDir(repo.resolve(".git/annex/creds")).addOwnAddress(address.format());
        PeerProcess serve = annexP2p("serve " + name, "serve", "--repo", repo.toString(), "--listen", "127.0.0.1:0");
        socks.route(address.onion().hostname(), Integer.parseInt(serve.awaitStderr(SERVING, STEP)));
        return new Side(repo, address);
    }

    private static TorAnnexAddress onion(int seed) {
        byte[] key = new byte[32];
        new Random(seed).nextBytes(key);
        return new TorAnnexAddress(OnionAddress.fromPublicKey(key), 20_000 + seed);
    }

    @Test
    void aPairingStoppedWhileItWaitsForTheOtherCodeLeavesNoPairData() throws Exception {
        Side a = side("a", 7);
        PeerProcess pairA = pair(a, servers.relayUrl());
        pairA.awaitStderr(OUR_CODE, STEP);
        pairA.terminate();
        assertThat(pairA.awaitExit(STEP)).as("exit code: not finished, stopped by SIGTERM; %s", pairA).isEqualTo(143);
        assertNoPairDataLeft();
        assertThat(pairA.stderr()).as("%s", pairA).contains("annex-p2p: stopped; removed ");
        assertThat(a.creds().acceptedTokens()).as("nothing stored").isEmpty();
    }

    private PeerProcess pair(Side side, String relayUrl, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("pair", "--repo", side.repo().toString(), "--relay-url", relayUrl,
                "--transit-helper", servers.transitHelper(), "--tor-socks", socks.address(), "--name", "peer"));
        args.addAll(List.of(extra));
        return annexP2p("pair " + side.repo().getFileName(), args.toArray(String[]::new));
    }

    private PeerProcess annexP2p(String name, String... args) throws IOException {
        List<String> command = new ArrayList<>(JAVA.subList(0, JAVA.size() - 1));
        command.add("-Djava.io.tmpdir=" + Files.createDirectories(tmp.resolve("java-tmp")));
        command.add("-jar");
        command.add(AnnexP2p.jar().toString());
        command.addAll(List.of(args));
        PeerProcess p = PeerProcess.start(name, command, tmp, Map.of());
        started.push(p);
        return p;
    }

    /** The real `wormhole`, with git-annex's arguments plus the loopback servers (git-annex takes them from the environment). */
    private PeerProcess python(String name, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(PeerProcess.require("wormhole", "magic-wormhole").toString(),
                "--relay-url", servers.relayUrl(), "--transit-helper", servers.transitHelper(), "--appid", APP_ID));
        command.addAll(List.of(args));
        PeerProcess p = PeerProcess.start(name, command, tmp, Map.of("PYTHONUNBUFFERED", "1"));
        started.push(p);
        return p;
    }

    private byte[] getWithStoredToken(Side from, Side to, String key) throws Exception {
        Path out = tmp.resolve(from.repo().getFileName() + "-got-" + key.hashCode());
        AnnexP2p.run(tmp, Map.of(), "get", "--address", to.address().format(), "--repo", from.repo().toString(),
                "--tor-socks", socks.address(), key, out.toString()).ok();
        return Files.readAllBytes(out);
    }

    private static void assertRemote(Side side, String remote, TorAnnexAddress url, String uuid) throws IOException {
        assertThat(GitAnnex.run(side.repo(), Map.of(), "git", "config", "remote." + remote + ".url").ok().out().trim())
                .isEqualTo(url.format());
        assertThat(GitAnnex.run(side.repo(), Map.of(), "git", "config", "remote." + remote + ".annex-uuid").ok().out().trim())
                .isEqualTo(uuid);
    }

    private static String onlyAccepted(Side side) throws IOException {
        List<AuthToken> accepted = side.creds().acceptedTokens();
        assertThat(accepted).as("tokens %s accepts", side.repo().getFileName()).hasSize(1);
        return accepted.get(0).reveal();
    }

    private static String peerToken(Side side, Side peer) throws IOException {
        return side.creds().peerToken(peer.address().onion().hostname()).map(AuthToken::reveal)
                .getOrElseThrow(() -> new AssertionError(side.repo().getFileName() + " has no token for its peer"));
    }

    private static void assertPrivate(Path file) throws IOException {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as("mode of %s", file)
                .isEqualTo("rw-------");
    }

    private void assertNothingStored(Side side) throws IOException {
        assertThat(side.creds().acceptedTokens()).as("tokens accepted after a failed pairing").isEmpty();
        assertThat(GitAnnex.run(side.repo(), Map.of(), "git", "remote").ok().out()).as("remotes").isBlank();
        try (var files = Files.list(side.repo().resolve(".git/annex/creds"))) {
            // .p2paddrs.lck: the lock enable-tor held while adding the address (PrivateFile.update)
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".lck")).toList()).as("creds files")
                    .containsExactly(CredsDir.ADDRESSES_FILE);
        }
        assertNoPairDataLeft();
    }

    /** The pair-data files (ours, and what the other side sent) live only in a temp dir that pair removes. */
    private void assertNoPairDataLeft() throws IOException {
        try (var files = Files.list(Files.createDirectories(tmp.resolve("java-tmp")))) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("annex-p2p-pair")).toList())
                    .as("pair-data temp dirs left behind").isEmpty();
        }
    }

    /** Nameplates the server still holds for the pairing app id, once they stop changing or after a bound. */
    private List<String> awaitNoNameplates() throws WormholeException {
        Wormhole lister = new Wormhole(WormholeOptions.defaults().withRelayUrl(URI.create(servers.relayUrl())).withAppId(APP_ID));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        List<String> held = lister.nameplates();
        while (!held.isEmpty() && Instant.now().isBefore(deadline)) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            held = lister.nameplates();
        }
        return held;
    }

    /** The last line printed, without the code prompt that a piped stdin leaves in front of it. */
    private static String lastLine(String text) {
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        String prompt = "Enter the other repository's pairing code: ";
        return last.startsWith(prompt) ? last.substring(prompt.length()) : last;
    }

    private static String randomHalf(int seed) {
        byte[] b = new byte[32];
        new Random(seed).nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static byte[] content(int seed, int size) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }
}
