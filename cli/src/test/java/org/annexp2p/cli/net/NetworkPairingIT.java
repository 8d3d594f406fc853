package org.annexp2p.cli.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.annexp2p.cli.interop.AnnexP2p;
import org.annexp2p.cli.interop.GitAnnex;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.repository.creds.AddressTokens;
import org.annexp2p.repository.creds.CredsDir;
import org.annexp2p.testkit.process.RunningCommand;
import org.annexp2p.testkit.wormhole.WormholeServers;
import org.annexp2p.testkit.peers.StandInScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19 item 3, {@code p2p --pair} over a generic network and a socket path over the unix limit, end to end with
 * NetworkServeIT's stand-in helper: two repositories with only {@code p2p-annex::} addresses, one so deep that its
 * network socket's absolute path is over 107 bytes, each served, pair through a mailbox on loopback; each records
 * the other's network address as a remote with its token, accepts the pairing's token on its own address only, and
 * gets the other's content through the network.
 */
@Timeout(300)
class NetworkPairingIT {
    static final Pattern OUR_CODE = Pattern.compile("This repository's pairing code is: (\\S+)");
    static final Duration STEP = Duration.ofSeconds(90);

    @TempDir
    Path tmp;

    record Side(Path repo, String address, Map<String, String> env) {
        CredsDir creds() {
            return new CredsDir(repo.resolve(".git/annex/creds"));
        }
    }

    @Test
    void twoRepositoriesOnANetworkOneVeryDeepPairThereAndGetFromEachOther() throws Exception {
        GitAnnex.requireInstalled();
        Path helpers = Files.createDirectories(tmp.resolve("helpers"));
        StandInScript.networkHelper(helpers, "testnet", NetworkServeIT.HELPER
                .replace("PORTS[name]", "os.environ['TESTNET_PORT']")
                .replace("PIDS + name", "'" + tmp.resolve("pids-") + "' + name"));
        Path deep = tmp;
        while (deep.toString().length() <= 120) {
            deep = deep.resolve("a-directory-deep-down");
        }
        Side a = side(deep.resolve("a"), "a", helpers);
        Side b = side(tmp.resolve("b"), "b", helpers);
        byte[] inA = "annexed in the deep repository\n".repeat(2000).getBytes(StandardCharsets.US_ASCII);
        byte[] inB = "annexed in the shallow repository\n".repeat(3000).getBytes(StandardCharsets.US_ASCII);
        String keyA = GitAnnex.addFile(a.repo(), "a.txt", inA);
        String keyB = GitAnnex.addFile(b.repo(), "b.txt", inB);

        try (WormholeServers servers = WormholeServers.start(Files.createDirectories(tmp.resolve("servers")));
                RunningCommand serveA = serve(a); RunningCommand serveB = serve(b);
                RunningCommand pairA = pair(a, servers); RunningCommand pairB = pair(b, servers)) {
            String codeA = pairA.awaitErr(OUR_CODE, STEP);
            String codeB = pairB.awaitErr(OUR_CODE, STEP);
            pairA.type(codeB);
            pairB.type(codeA);
            assertThat(pairA.awaitExit(STEP)).as("pair a: %s", pairA.err()).isZero();
            assertThat(pairB.awaitExit(STEP)).as("pair b: %s", pairB.err()).isZero();

            assertThat(remoteUrl(a)).isEqualTo(b.address());
            assertThat(remoteUrl(b)).isEqualTo(a.address());
            // Each accepts, on its own address, the token the other presents (beside the one --enable made).
            AuthToken presentedByB = AuthToken.parse(peerToken(b, a)).get();
            AuthToken presentedByA = AuthToken.parse(peerToken(a, b)).get();
            assertThat(AddressTokens.acceptedOn(a.creds(), a.address())).hasSize(2).contains(presentedByB);
            assertThat(AddressTokens.acceptedOn(b.creds(), b.address())).hasSize(2).contains(presentedByA);
            assertThat(a.creds().acceptedTokens()).as("no Tor address: no plain token").isEmpty();
            assertThat(b.creds().acceptedTokens()).isEmpty();

            assertThat(get(a, b, keyB)).isEqualTo(inB);
            assertThat(get(b, a, keyA)).as("from the deep repository's socket").isEqualTo(inA);
        }
    }

    private Side side(Path dir, String name, Path helpers) throws Exception {
        Path repo = GitAnnex.initRepo(dir, name);
        Map<String, String> env = new HashMap<>(Map.of("PATH", helpers + ":" + System.getenv("PATH"),
                "TESTNET_PORT", Integer.toString(NetworkServeIT.freePort())));
        AnnexP2p.run(tmp, env, "p2p", "--enable", "testnet", "--repo", repo.toString()).ok();
        return new Side(repo, "p2p-annex::testnet:127.0.0.1:" + env.get("TESTNET_PORT"), env);
    }

    private RunningCommand serve(Side side) throws Exception {
        RunningCommand serve = AnnexP2p.command("serve", "--repo", side.repo().toString()).env(side.env())
                .log(tmp.resolve(side.repo().getFileName() + "-serve.log")).start();
        serve.await(Pattern.compile(Pattern.quote("on " + side.address() + " (through git-annex-p2p-testnet")), STEP);
        return serve;
    }

    private RunningCommand pair(Side side, WormholeServers servers) throws Exception {
        return AnnexP2p.command("pair", "--repo", side.repo().toString(), "--relay-url", servers.relayUrl(),
                "--transit-helper", servers.transitHelper(), "--name", "peer").env(side.env()).typing().start();
    }

    private static String remoteUrl(Side side) throws Exception {
        return GitAnnex.run(side.repo(), Map.of(), "git", "config", "remote.peer.url").ok().out().trim();
    }

    /** The token {@code from} presents to {@code to}, in the creds file git-annex names after the address. */
    private static String peerToken(Side from, Side to) throws Exception {
        String name = CredsDir.escapedName(to.address().substring("p2p-annex::".length()));
        return Files.readString(from.creds().file(name).path()).trim();
    }

    private byte[] get(Side from, Side to, String key) throws Exception {
        Path out = tmp.resolve(from.repo().getFileName() + "-got");
        AnnexP2p.run(tmp, from.env(), "get", "--repo", from.repo().toString(), "--address", to.address(), key,
                out.toString()).ok();
        return Files.readAllBytes(out);
    }
}
