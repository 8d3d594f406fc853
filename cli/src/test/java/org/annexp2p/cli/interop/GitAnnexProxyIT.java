package org.annexp2p.cli.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.annexp2p.testkit.annex.GitAnnexVersions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19 item 2, the proxy without a cluster: a repository of real git-annex 10.20250416 configured by hand as a
 * proxy ({@code remote.ours.annex-proxy}, {@code updateproxy}) for a remote served by our {@code p2pstdio} (a fake
 * ssh runs everything here); a client that knows only the proxy reaches our server through it as {@code px-ours}.
 * Our repository's own git-annex then checks what our server stored, logged and removed. One set-up for every case.
 */
class GitAnnexProxyIT {
    @TempDir
    static Path tmp;
    static Map<String, String> env;
    static Path ours;
    static Path client;

    @BeforeAll
    static void proxyForOurServer() throws Exception {
        GitAnnexVersions.Release newer = GitAnnexVersions.newer();
        env = newer.env(Map.of("GIT_SSH", AnnexP2p.fakeSsh(tmp).toString(), "GIT_ANNEX_USE_GIT_SSH", "1"));
        Path proxy = GitAnnex.initRepo(newer, tmp.resolve("proxy"), "proxy");
        ours = GitAnnex.initRepo(newer, tmp.resolve("ours"), "ours");
        git(proxy, "git", "remote", "add", "ours", "localhost:" + ours);
        git(proxy, "git", "config", "remote.ours.annex-shell", AnnexP2p.wireLoggingLauncher(tmp).toString());
        git(proxy, "git", "config", "remote.ours.annex-proxy", "true");
        assertThat(git(proxy, "git", "annex", "updateproxy").out()).contains("Started proxying for ours");

        client = GitAnnex.initRepo(newer, tmp.resolve("client"), "client");
        git(client, "git", "remote", "add", "px", "localhost:" + proxy);
        git(client, "git", "config", "remote.px.annex-shell", newer.gitAnnexShell().toString());
        git(client, "git", "fetch", "-q", "px");
        assertThat(git(client, "git", "annex", "info", "px-ours").out()).contains(GitAnnex.uuid(ours));
    }

    static GitAnnex.Result git(Path dir, String... argv) throws Exception {
        return GitAnnex.run(dir, env, argv).ok();
    }

    static boolean held(String key) throws Exception {
        return GitAnnex.run(ours, env, "git", "annex", "contentlocation", key).exit() == 0;
    }

    static String added(String name, int seed) throws Exception {
        byte[] b = new byte[120_000];
        new Random(seed).nextBytes(b);
        return GitAnnex.addFile(GitAnnexVersions.newer(), client, name, b);
    }

    @Test
    void copyToThroughTheProxyIsStoredAndLoggedByOurServer() throws Exception {
        String key = added("copied.bin", 21);
        git(client, "git", "annex", "copy", "--to", "px-ours", "copied.bin");
        assertThat(held(key)).isTrue();
        assertThat(git(ours, "git", "annex", "fsck", "--key", key).out()).contains("(checksum...) ok");
        assertThat(git(ours, "git", "annex", "whereis", "--key", key).out()).contains(GitAnnex.uuid(ours));
        assertThat(Files.readString(tmp.resolve("ours.wire"))).contains("P2P < PUT copied.bin " + key)
                .doesNotContain("P2P > ERROR");
    }

    @Test
    void getFromThroughTheProxyGivesTheBytesBack() throws Exception {
        String key = added("got.bin", 22);
        byte[] content = Files.readAllBytes(client.resolve("got.bin"));
        git(client, "git", "annex", "copy", "--to", "px-ours", "got.bin");
        git(client, "git", "annex", "drop", "--force", "got.bin");
        assertThat(GitAnnex.run(client, env, "git", "annex", "contentlocation", key).exit()).isNotZero();
        git(client, "git", "annex", "get", "--from", "px-ours", "got.bin");
        assertThat(Files.readAllBytes(client.resolve("got.bin"))).isEqualTo(content);
    }

    @Test
    void dropFromThroughTheProxyRemovesItFromOurServer() throws Exception {
        String key = added("dropped.bin", 23);
        git(client, "git", "annex", "copy", "--to", "px-ours", "dropped.bin");
        assertThat(held(key)).isTrue();
        git(client, "git", "annex", "drop", "--from", "px-ours", "dropped.bin");
        assertThat(held(key)).isFalse();
        assertThat(GitAnnex.run(ours, env, "git", "annex", "whereis", "--key", key).out()).doesNotContain(GitAnnex.uuid(ours));
        assertThat(git(client, "git", "annex", "whereis", "dropped.bin").out()).contains("(1 copy)");
    }
}
