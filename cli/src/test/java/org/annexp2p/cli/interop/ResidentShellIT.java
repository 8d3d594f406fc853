package org.annexp2p.cli.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.annexp2p.testkit.annex.GitAnnexVersions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real git-annex client of both releases through the checkout's launcher, as its git-annex-shell, with a
 * resident {@code annex-p2p shell-server} running: the launcher hands each ssh session to the server.
 *
 * <p>How a test knows the server served: the ssh side's JVM options name an option no JVM has, so a session the
 * launcher ran in a JVM of its own fails ({@link #withoutTheServerTheBrokenJvmFails} shows that it does); the server
 * was started with working options.
 */
@org.junit.jupiter.api.Timeout(600)
class ResidentShellIT {
    @TempDir
    Path tmp;
    Path xdg;
    Path server;
    Path client;
    Process resident;
    Map<String, String> env;
    byte[] content;

    void start(GitAnnexVersions.Release release, boolean runServer) throws Exception {
        xdg = Files.createDirectory(tmp.resolve("xdg"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        server = GitAnnex.initRepo(release, tmp.resolve("server"), "server");
        client = GitAnnex.initRepo(release, tmp.resolve("client"), "client");
        content = new byte[300_000];
        new Random(11).nextBytes(content);
        GitAnnex.addFile(release, client, "data/file.bin", content);
        Map<String, String> more = new HashMap<>(Map.of("GIT_SSH", AnnexP2p.fakeSsh(tmp).toString(),
                "GIT_ANNEX_USE_GIT_SSH", "1", "XDG_RUNTIME_DIR", xdg.toString(),
                "ANNEX_P2P_JAVA_OPTS", "-XX:+AnnexP2pNoSuchJvmOption"));
        env = release.env(more);
        run(client, "git", "remote", "add", "jsrv", "localhost:" + server);
        run(client, "git", "config", "remote.jsrv.annex-shell", launcher().toString());
        run(client, "git", "config", "remote.jsrv.annex-uuid", GitAnnex.uuid(server));
        if (runServer) {
            ProcessBuilder pb = new ProcessBuilder(AnnexP2p.command("shell-server").argv())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(tmp.resolve("server.out").toFile());
            pb.environment().put("XDG_RUNTIME_DIR", xdg.toString());
            resident = pb.start();
            Path socket = xdg.resolve("annex-p2p").resolve("shell.sock");
            // Its first line comes once the socket is bound (its only other line is the one it stops with).
            String first = new java.io.BufferedReader(new java.io.InputStreamReader(resident.getErrorStream(),
                    java.nio.charset.StandardCharsets.UTF_8)).readLine();
            assertThat(first).isEqualTo("annex-p2p: serving git-annex-shell sessions on " + socket + " (up to 64 at once)");
            assertThat(socket).exists();
        }
    }

    @AfterEach
    void stopServer() throws Exception {
        if (resident != null) {
            resident.destroy();
            assertThat(resident.waitFor(30, TimeUnit.SECONDS)).as("the server stops on SIGTERM").isTrue();
            assertThat(xdg.resolve("annex-p2p").resolve("shell.sock")).as("its socket is removed").doesNotExist();
        }
    }

    private static Path launcher() {
        return Path.of("..", "bin", "annex-p2p").toAbsolutePath().normalize();
    }

    GitAnnex.Result run(Path dir, String... argv) throws Exception {
        return GitAnnex.run(dir, env, argv).ok();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.annexp2p.testkit.annex.GitAnnexVersions#both")
    void copyGetDropAndFsckThroughTheResidentServer(GitAnnexVersions.Release release) throws Exception {
        start(release, true);
        String serverUuid = GitAnnex.uuid(server);
        run(client, "git", "annex", "copy", "--to", "jsrv", "data/file.bin");
        run(server, "git", "annex", "fsck", "--key", GitAnnex.run(client, env, "git", "annex", "lookupkey",
                "data/file.bin").ok().out().trim());
        run(client, "git", "annex", "fsck", "--from", "jsrv", "data/file.bin");
        run(client, "git", "annex", "drop", "data/file.bin");
        run(client, "git", "annex", "get", "--from", "jsrv", "data/file.bin");
        assertThat(Files.readAllBytes(client.resolve("data/file.bin"))).isEqualTo(content);
        run(client, "git", "annex", "drop", "--from", "jsrv", "data/file.bin");
        assertThat(run(client, "git", "annex", "whereis", "data/file.bin").out()).doesNotContain(serverUuid);
        assertThat(resident.isAlive()).isTrue();
    }

    @Test
    void withoutTheServerTheBrokenJvmFails() throws Exception {
        start(GitAnnexVersions.both().get(0), false);
        GitAnnex.Result r = GitAnnex.run(client, env, "git", "annex", "copy", "--to", "jsrv", "data/file.bin");
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("AnnexP2pNoSuchJvmOption");
    }

    @Test
    void theSessionsEnvironmentDecidesNotTheServers() throws Exception {
        start(GitAnnexVersions.both().get(0), true);
        // Set for the ssh session only (git-annex's environment reaches the fake ssh's remote command).
        env = new HashMap<>(env);
        env.put("GIT_ANNEX_SHELL_READONLY", "1");
        GitAnnex.Result r = GitAnnex.run(client, env, "git", "annex", "copy", "--to", "jsrv", "data/file.bin");
        assertThat(r.exit()).isNotZero();
        assertThat(objects(server)).isZero();
        env.remove("GIT_ANNEX_SHELL_READONLY");
        run(client, "git", "annex", "copy", "--to", "jsrv", "data/file.bin");
        assertThat(objects(server)).isOne();
    }

    /** How many objects {@code repository}'s store holds. */
    private static long objects(Path repository) throws IOException {
        Path store = repository.resolve(".git/annex/objects");
        if (!Files.exists(store)) {
            return 0;
        }
        try (java.util.stream.Stream<Path> files = Files.walk(store)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void gitThroughTheResidentServersGitShell() throws Exception {
        start(GitAnnexVersions.both().get(0), true);
        // A login-shell ssh: the launcher gets -c and the whole remote command, as a forced command would.
        Path loginSsh = tmp.resolve("loginssh");
        Files.writeString(loginSsh, "#!/bin/sh\nfor last; do :; done\nexec '" + launcher() + "' -c \"$last\"\n");
        loginSsh.toFile().setExecutable(true);
        Map<String, String> gitEnv = new HashMap<>(env);
        gitEnv.put("GIT_SSH", loginSsh.toString());
        GitAnnex.Result refs = GitAnnex.run(client, gitEnv, "git", "ls-remote", "localhost:" + server).ok();
        String annexBranch = GitAnnex.run(server, env, "git", "rev-parse", "refs/heads/git-annex").ok().out().trim();
        assertThat(refs.out()).contains(annexBranch + "\trefs/heads/git-annex");
        assertThat(List.of(resident.isAlive())).containsExactly(true);
    }
}
