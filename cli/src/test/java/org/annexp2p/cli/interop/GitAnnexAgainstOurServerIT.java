package org.annexp2p.cli.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4, 6(b): the real git-annex client (10.20230126) uses annex-p2p as its git-annex-shell on an ssh
 * remote (a fake ssh runs the remote command locally), for copy --to, get --from, drop --from, fsck --from;
 * whereis is then right on both sides.
 */
class GitAnnexAgainstOurServerIT {
    @TempDir
    Path tmp;
    Path server;
    Path client;
    Map<String, String> env;
    byte[] content;
    String key;

    @BeforeEach
    void repositories() throws Exception {
        GitAnnex.requireInstalled();
        server = GitAnnex.initRepo(tmp.resolve("server"), "server");
        client = GitAnnex.initRepo(tmp.resolve("client"), "client");
        content = new byte[1_000_000];
        new Random(7).nextBytes(content);
        key = GitAnnex.addFile(client, "data/big file.bin", content);
        env = new HashMap<>(Map.of("GIT_SSH", AnnexP2p.fakeSsh(tmp).toString(), "GIT_ANNEX_USE_GIT_SSH", "1"));
        git(client, "git", "remote", "add", "jsrv", "localhost:" + server);
        git(client, "git", "config", "remote.jsrv.annex-shell", AnnexP2p.launcher(tmp).toString());
    }

    GitAnnex.Result git(Path dir, String... argv) throws Exception {
        return GitAnnex.run(dir, env == null ? Map.of() : env, argv).ok();
    }

    @Test
    void copyGetDropAndFsckThroughOurServerWithAnnexUuidConfigured() throws Exception {
        git(client, "git", "config", "remote.jsrv.annex-uuid", GitAnnex.uuid(server));
        git(client, "git", "config", "remote.jsrv.fetch", "+refs/heads/nothing:refs/remotes/jsrv/nothing");
        exerciseAll();
        assertThat(Files.readString(tmp.resolve("fakessh.log"))).doesNotContain("configlist");
    }

    @Test
    void withoutAnnexUuidGitAnnexAsksConfiglistFirst() throws Exception {
        exerciseAll();
        assertThat(Files.readString(tmp.resolve("fakessh.log"))).contains("'configlist'");
        assertThat(GitAnnex.run(client, Map.of(), "git", "config", "remote.jsrv.annex-uuid").ok().out().trim())
                .isEqualTo(GitAnnex.uuid(server));
    }

    private void exerciseAll() throws Exception {
        String serverUuid = GitAnnex.uuid(server);
        git(client, "git", "annex", "copy", "--to", "jsrv", "data/big file.bin");
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
        GitAnnex.Result gone = GitAnnex.run(server, Map.of(), "git", "annex", "whereis", "--key", key);
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
