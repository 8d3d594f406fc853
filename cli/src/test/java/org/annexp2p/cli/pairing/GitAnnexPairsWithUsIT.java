package org.annexp2p.cli.pairing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.annexp2p.cli.interop.AnnexP2p;
import org.annexp2p.cli.interop.GitAnnex;
import org.annexp2p.repository.creds.CredsDir;
import org.annexp2p.testkit.annex.GitAnnexVersions;
import org.annexp2p.testkit.process.Command;
import org.annexp2p.testkit.process.RunningCommand;
import org.annexp2p.testkit.wormhole.WormholeServers;
import org.annexp2p.tor.onion.OnionAddress;
import org.annexp2p.tor.onion.TorAnnexAddress;
import org.annexp2p.tor.testing.SocksStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 19: the real {@code git annex p2p --pair} of each release pairs with {@code annex-p2p pair}, over a mailbox
 * server and transit relay on loopback (the wormhole git-annex runs reads them from WORMHOLE_RELAY_URL and
 * WORMHOLE_TRANSIT_HELPER). Both repositories have fake onion addresses that a SOCKS stand-in on 127.0.0.1:9050 (the
 * port git-annex dials) maps to {@code annex-p2p serve} of each; the one serving git-annex's repository checks the
 * tokens git-annex stored, as its remotedaemon would. Each side links to the other, and content then travels both
 * ways over the stored tokens.
 */
class GitAnnexPairsWithUsIT {
    static final Pattern CODE = Pattern.compile("This repository's pairing code is: (\\S+)");
    static final Pattern SERVING = Pattern.compile("serving .* on tcp://[^\\s]+:(\\d+)");
    static final Duration STEP = Duration.ofSeconds(90);

    @TempDir
    Path tmp;
    final Deque<AutoCloseable> started = new ArrayDeque<>();

    @AfterEach
    void stopEverything() throws Exception {
        while (!started.isEmpty()) {
            started.pop().close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.annexp2p.testkit.annex.GitAnnexVersions#both")
    void gitAnnexPairsWithAnnexP2pAndContentTravelsBothWays(GitAnnexVersions.Release release) throws Exception {
        PeerProcess.require("wormhole", "magic-wormhole");
        WormholeServers servers = WormholeServers.start(Files.createDirectories(tmp.resolve("servers")));
        started.push(servers);
        SocksStandIn socks = new SocksStandIn(9050);
        started.push(socks);
        Map<String, String> env = release.env(Map.of("WORMHOLE_RELAY_URL", servers.relayUrl(),
                "WORMHOLE_TRANSIT_HELPER", servers.transitHelper()));
        Path ours = GitAnnex.initRepo(release, tmp.resolve("ours"), "ours");
        Path theirs = GitAnnex.initRepo(release, tmp.resolve("theirs"), "theirs");
        TorAnnexAddress ourAddress = served(ours, 21, socks);
        TorAnnexAddress theirAddress = served(theirs, 22, socks);

        RunningCommand gitAnnex = Command.of("git", "annex", "p2p", "--pair", "--name", "peer").in(theirs).env(env)
                .typing().safety(Duration.ofMinutes(5)).start();
        started.push(gitAnnex);
        PeerProcess pair = annexP2p("pair", "pair", "--repo", ours.toString(), "--relay-url", servers.relayUrl(),
                "--transit-helper", servers.transitHelper(), "--tor-socks", socks.address(), "--name", "peer");
        String theirCode = gitAnnex.await(CODE, STEP);
        String ourCode = pair.awaitStderr(PairingIT.OUR_CODE, STEP);
        gitAnnex.type(ourCode);
        pair.type(theirCode);
        assertThat(pair.awaitExit(STEP)).as("%s", pair).isZero();
        assertThat(gitAnnex.awaitExit(STEP)).as("git annex p2p --pair: %s %s", gitAnnex.out(), gitAnnex.err()).isZero();

        // Each side has the other as remote "peer" at its onion address, with its uuid.
        assertThat(config(theirs, env, "remote.peer.url")).isEqualTo(ourAddress.format());
        assertThat(config(theirs, env, "remote.peer.annex-uuid")).isEqualTo(GitAnnex.uuid(ours));
        assertThat(config(ours, env, "remote.peer.url")).isEqualTo(theirAddress.format());
        assertThat(config(ours, env, "remote.peer.annex-uuid")).isEqualTo(GitAnnex.uuid(theirs));
        assertThat(socks.requested).contains(ourAddress.dialString(), theirAddress.dialString());

        // git-annex copies to us over the token we accepted; we get from it over the token it accepted.
        byte[] fromThem = content(23, 60_000);
        String theirKey = GitAnnex.addFile(release, theirs, "from-them.bin", fromThem);
        GitAnnex.run(theirs, env, "git", "annex", "copy", "--to", "peer", "from-them.bin").ok();
        GitAnnex.run(ours, env, "git", "annex", "fsck", "--key", theirKey).ok();
        Path got = tmp.resolve("got.bin");
        AnnexP2p.run(tmp, env, "get", "--address", theirAddress.format(), "--repo", ours.toString(), "--tor-socks",
                socks.address(), theirKey, got.toString()).ok();
        assertThat(Files.readAllBytes(got)).isEqualTo(fromThem);
    }

    private static String config(Path repo, Map<String, String> env, String name) throws Exception {
        return GitAnnex.run(repo, env, "git", "config", name).ok().out().trim();
    }

    /** {@code repo} with a fake onion address of its own, served by annex-p2p behind the SOCKS stand-in. */
    private TorAnnexAddress served(Path repo, int seed, SocksStandIn socks) throws Exception {
        byte[] key = new byte[32];
        new Random(seed).nextBytes(key);
        TorAnnexAddress address = new TorAnnexAddress(OnionAddress.fromPublicKey(key), 20_000 + seed);
        new CredsDir(repo.resolve(".git/annex/creds")).addOwnAddress(address.format());
        PeerProcess serve = annexP2p("serve " + repo.getFileName(), "serve", "--repo", repo.toString(), "--listen",
                "127.0.0.1:0");
        socks.route(address.onion().hostname(), Integer.parseInt(serve.awaitStderr(SERVING, STEP)));
        return address;
    }

    private PeerProcess annexP2p(String name, String... args) throws Exception {
        List<String> argv = new java.util.ArrayList<>(AnnexP2p.command(args).argv());
        PeerProcess p = PeerProcess.start(name, argv, tmp, Map.of());
        started.push(p);
        return p;
    }

    private static byte[] content(int seed, int size) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }
}
