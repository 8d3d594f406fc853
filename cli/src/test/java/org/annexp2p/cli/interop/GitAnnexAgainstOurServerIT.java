package org.annexp2p.cli.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.annexp2p.testkit.annex.GitAnnexVersions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 4, 6(b), 19: the real git-annex client of both releases (10.20230126 speaks protocol v1, 10.20250416 v4)
 * uses annex-p2p as its git-annex-shell on an ssh remote (a fake ssh runs the remote command locally), for copy
 * --to, get --from, drop --from, fsck --from; whereis is then right on both sides.
 */
class GitAnnexAgainstOurServerIT {
    @TempDir
    Path tmp;
    Path server;
    Path client;
    Map<String, String> env;
    byte[] content;
    String key;

    void repositories(GitAnnexVersions.Release release) throws Exception {
        server = GitAnnex.initRepo(release, tmp.resolve("server"), "server");
        client = GitAnnex.initRepo(release, tmp.resolve("client"), "client");
        content = new byte[1_000_000];
        new Random(7).nextBytes(content);
        key = GitAnnex.addFile(release, client, "data/big file.bin", content);
        env = release.env(Map.of("GIT_SSH", AnnexP2p.fakeSsh(tmp).toString(), "GIT_ANNEX_USE_GIT_SSH", "1"));
        git(client, "git", "remote", "add", "jsrv", "localhost:" + server);
        git(client, "git", "config", "remote.jsrv.annex-shell", AnnexP2p.launcher(tmp).toString());
    }

    GitAnnex.Result git(Path dir, String... argv) throws Exception {
        return GitAnnex.run(dir, env, argv).ok();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.annexp2p.testkit.annex.GitAnnexVersions#both")
    void copyGetDropAndFsckThroughOurServerWithAnnexUuidConfigured(GitAnnexVersions.Release release) throws Exception {
        repositories(release);
        git(client, "git", "config", "remote.jsrv.annex-uuid", GitAnnex.uuid(server));
        git(client, "git", "config", "remote.jsrv.fetch", "+refs/heads/nothing:refs/remotes/jsrv/nothing");
        exerciseAll(release);
        assertThat(Files.readString(tmp.resolve("fakessh.log"))).doesNotContain("configlist");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.annexp2p.testkit.annex.GitAnnexVersions#both")
    void withoutAnnexUuidGitAnnexAsksConfiglistFirst(GitAnnexVersions.Release release) throws Exception {
        repositories(release);
        exerciseAll(release);
        assertThat(Files.readString(tmp.resolve("fakessh.log"))).contains("'configlist'");
        assertThat(GitAnnex.run(client, env, "git", "config", "remote.jsrv.annex-uuid").ok().out().trim())
                .isEqualTo(GitAnnex.uuid(server));
    }

    private void exerciseAll(GitAnnexVersions.Release release) throws Exception {
        String serverUuid = GitAnnex.uuid(server);
        // git-annex's debug output has the protocol lines: each release asks for (and gets) its own version.
        assertThat(git(client, "git", "annex", "--debug", "copy", "--to", "jsrv", "data/big file.bin").err())
                .contains("P2P > VERSION " + release.protocolVersion() + "\n")
                .contains("P2P < VERSION " + release.protocolVersion() + "\n");
        // The server side: content in its object store, and its own location log says so.
        git(server, "git", "annex", "fsck", "--key", key);
        assertThat(git(server, "git", "annex", "whereis", "--key", key).out()).contains(serverUuid);
        assertThat(git(client, "git", "annex", "whereis", "data/big file.bin").out()).contains(serverUuid).contains("jsrv");

        git(client, "git", "annex", "fsck", "--from", "jsrv", "data/big file.bin");

        git(client, "git", "annex", "drop", "data/big file.bin");
        assertThat(client.resolve("data/big file.bin")).satisfies(p -> assertThat(Files.exists(p)).isFalse());
        git(client, "git", "annex", "get", "--from", "jsrv", "data/big file.bin");
        assertThat(Files.readAllBytes(client.resolve("data/big file.bin"))).isEqualTo(content);

        git(client, "git", "annex", "drop", "--from", "jsrv", "data/big file.bin");
        assertThat(git(client, "git", "annex", "whereis", "data/big file.bin").out()).doesNotContain(serverUuid);
        // No copies left there: whereis says so (and, as git-annex does, exits 1 for zero copies).
        GitAnnex.Result gone = GitAnnex.run(server, env, "git", "annex", "whereis", "--key", key);
        assertThat(gone.out()).contains("(0 copies)").doesNotContain(serverUuid);
        assertThat(git(server, "git", "annex", "find", "--in=here", "--include=*").out()).isEmpty();
        noGitOfTheServerLeftRunning();
    }

    /** Our server's long-lived git cat-file ends with the server, once git-annex has closed the connection. */
    private void noGitOfTheServerLeftRunning() throws Exception {
        for (ProcessHandle p : gitsOf(server).toList()) {
            p.onExit().get(30, TimeUnit.SECONDS);
        }
        assertThat(gitsOf(server).map(p -> p.info().commandLine().orElse(""))).isEmpty();
    }

    private static Stream<ProcessHandle> gitsOf(Path repository) throws Exception {
        List<String> names = List.of(repository.toString(), repository.toRealPath().toString());
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
                .filter(c -> c.contains("cat-file") && names.stream().anyMatch(c::contains)).isPresent());
    }
}
