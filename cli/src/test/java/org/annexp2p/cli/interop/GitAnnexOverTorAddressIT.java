package org.annexp2p.cli.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.annexp2p.testkit.annex.GitAnnexVersions;
import org.annexp2p.testkit.process.Command;
import org.annexp2p.testkit.process.RunningCommand;
import org.annexp2p.tor.testing.SocksStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 4, 6(c), 19: real `git annex p2p --link` (both releases) with a tor-annex:: address reaches our TCP AUTH
 * server through a SOCKS5 stand-in on 127.0.0.1:9050 (the port git-annex hard-codes), then `git annex get/copy` use
 * it.
 */
class GitAnnexOverTorAddressIT {
    static final String ONION = "lwkwvuvzt4g2gwkcom6wccjbqxzx427f66gog54tftaw2dp5oqmt6jqd.onion";
    @TempDir
    Path tmp;
    RunningCommand serve;

    @AfterEach
    void stop() throws Exception {
        if (serve != null) {
            serve.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.annexp2p.testkit.annex.GitAnnexVersions#both")
    void linkThenGetAndCopyOverATorAnnexRemote(GitAnnexVersions.Release release) throws Exception {
        Map<String, String> env = release.env();
        Path server = GitAnnex.initRepo(release, tmp.resolve("server"), "server");
        Path client = GitAnnex.initRepo(release, tmp.resolve("client"), "client");
        byte[] content = new byte[200_000];
        new Random(3).nextBytes(content);
        String key = GitAnnex.addFile(release, server, "shared.bin", content);
        String token = AnnexP2p.run(tmp, Map.of(), "token", "--repo", server.toString()).ok().out().trim();
        int port = freePort();
        serve = Command.java("-jar", AnnexP2p.jar().toString(), "serve", "--repo", server.toString(),
                "--listen", "127.0.0.1:" + port).log(tmp.resolve("serve.log")).start();
        serve.await(Pattern.compile("serving"), Duration.ofSeconds(30));

        try (SocksStandIn socks = new SocksStandIn(9050).routeEverything(port)) {
            String address = "tor-annex::" + ONION + ":39140";
            GitAnnex.run(client, env, (address + ":" + token + "\n").getBytes(StandardCharsets.US_ASCII),
                    "git", "annex", "p2p", "--link", "--name", "jsrv").ok();
            assertThat(GitAnnex.run(client, env, "git", "config", "remote.jsrv.annex-uuid").ok().out().trim())
                    .isEqualTo(GitAnnex.uuid(server));
            assertThat(socks.requested).contains(ONION + ":39140");
            assertThat(Files.readString(client.resolve(".git/annex/creds/" + ONION)).trim()).isEqualTo(token);

            // The file and its location log travel through git as usual; the content through our server.
            GitAnnex.run(client, env, "git", "remote", "add", "meta", server.toString()).ok();
            GitAnnex.run(client, env, "git", "fetch", "-q", "meta").ok();
            GitAnnex.run(client, env, "git", "annex", "merge").ok();
            GitAnnex.run(client, env, "git", "merge", "-q", "meta/master").ok();
            GitAnnex.run(client, env, "git", "config", "remote.meta.annex-ignore", "true").ok();
            GitAnnex.run(client, env, "git", "annex", "get", "--from", "jsrv", "shared.bin").ok();
            assertThat(Files.readAllBytes(client.resolve("shared.bin"))).isEqualTo(content);

            byte[] fromClient = "written on the client\n".getBytes(StandardCharsets.US_ASCII);
            String clientKey = GitAnnex.addFile(release, client, "fromclient.txt", fromClient);
            GitAnnex.run(client, env, "git", "annex", "copy", "--to", "jsrv", "fromclient.txt").ok();
            GitAnnex.run(server, env, "git", "annex", "fsck", "--key", clientKey).ok();
            assertThat(GitAnnex.run(server, env, "git", "annex", "whereis", "--key", clientKey).ok().out())
                    .contains(GitAnnex.uuid(server));
            assertThat(key).isNotEqualTo(clientKey);

            // git itself over the onion address: our git-remote-tor-annex to our server's CONNECT relay.
            Map<String, String> withHelper = Map.of("PATH", release.path(AnnexP2p.remoteHelperDir(tmp)));
            GitAnnex.run(server, env, "git", "checkout", "-q", "-b", "topic").ok();
            GitAnnex.run(server, env, "git", "commit", "-q", "--allow-empty", "-m", "only on the server").ok();
            GitAnnex.run(server, env, "git", "checkout", "-q", "master").ok();
            GitAnnex.run(client, withHelper, "git", "fetch", "-q", "jsrv").ok();
            assertThat(GitAnnex.run(client, env, "git", "log", "-1", "--format=%s", "jsrv/topic").ok().out().trim())
                    .isEqualTo("only on the server");
            Map<String, String> cloneEnv = new java.util.HashMap<>(withHelper);
            cloneEnv.put("GIT_ANNEX_P2P_AUTHTOKEN", token);
            GitAnnex.run(tmp, cloneEnv, "git", "clone", "-q", address, tmp.resolve("cloned").toString()).ok();
            assertThat(tmp.resolve("cloned/shared.bin")).satisfies(p -> assertThat(Files.isSymbolicLink(p)).isTrue());
            GitAnnex.run(client, withHelper, "git", "push", "-q", "jsrv", "master:from-client").ok();
            assertThat(GitAnnex.run(server, env, "git", "branch", "--list", "from-client").ok().out()).contains("from-client");
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
