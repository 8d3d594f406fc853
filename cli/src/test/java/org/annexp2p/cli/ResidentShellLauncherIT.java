package org.annexp2p.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.annexp2p.cli.interop.GitAnnex;
import org.annexp2p.testkit.process.Command;
import org.annexp2p.testkit.process.Finished;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/annex-p2p with a resident shell server (played by {@link FakeShellServer}) under a private XDG_RUNTIME_DIR: the
 * shell's command lines go to it through the forwarder, and without it, or with ANNEX_P2P_RESIDENT=off, the JVM
 * serves them as before.
 */
class ResidentShellLauncherIT {
    private static final String CLIENT = "00000000-0000-4000-8000-0000000c11e7";
    private static final Duration BOUND = Duration.ofMinutes(2);

    @TempDir
    Path tmp;
    private Path xdg;
    private Path socket;

    @BeforeAll
    static void requireGitAnnex() {
        GitAnnex.requireInstalled();
    }

    @BeforeEach
    void privateRuntimeDirectory() throws IOException {
        var mode = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
        xdg = Files.createDirectory(tmp.resolve("xdg"), mode);
        socket = Files.createDirectory(xdg.resolve("annex-p2p"), mode).resolve("shell.sock");
    }

    private Command launcher(String... args) {
        return Command.of(Launcher.path().toString()).args(args).env("XDG_RUNTIME_DIR", xdg.toString())
                .without("ANNEX_P2P_RESIDENT", "ANNEX_P2P_DEBUG_RESIDENT", "ANNEX_P2P_RESIDENT_TEST_WAIT");
    }

    @Test
    void theShellsCommandLinesReachTheServerWithTheirArgv() throws Exception {
        Path repo = tmp.resolve("a repo");
        for (List<String> argv : List.of(List.of("p2pstdio", repo.toString(), CLIENT),
                List.of("-c", "git-annex-shell 'p2pstdio' '" + repo + "' '--uuid' " + CLIENT))) {
            AtomicReference<FakeShellServer.Request> got = new AtomicReference<>();
            try (FakeShellServer server = FakeShellServer.listening(socket, s -> {
                got.set(s.request());
                s.send('S');
                s.send('O', "AUTH-SUCCESS resident\n".getBytes(StandardCharsets.US_ASCII));
                s.input();
                s.exit(0);
            })) {
                Finished r = launcher(argv.toArray(String[]::new)).stdin(new byte[0]).run(BOUND);
                assertThat(r.out()).as("stderr: %s", r.err()).isEqualTo("AUTH-SUCCESS resident\n");
                assertThat(r.exit()).isZero();
                server.awaitPlayed(BOUND);
                assertThat(got.get().argv()).isEqualTo(argv);
            } finally {
                Files.deleteIfExists(socket);
            }
        }
    }

    @Test
    void withResidentOffTheJvmServesAndTheServerIsNotAsked() throws Exception {
        Path repo = GitAnnex.initRepo(tmp.resolve("r"), "resident");
        try (FakeShellServer server = FakeShellServer.listening(socket, s -> s.send('B', "unexpected".getBytes(StandardCharsets.UTF_8)))) {
            Finished r = launcher("p2pstdio", repo.toString(), CLIENT).env("ANNEX_P2P_RESIDENT", "off")
                    .stdin(new byte[0]).run(BOUND);
            assertThat(r.out()).as("stderr: %s", r.err()).isEqualTo("AUTH-SUCCESS " + GitAnnex.uuid(repo) + "\n");
            assertThat(r.err()).isEmpty();
            assertThat(server.connections()).isZero();
        }
    }

    @Test
    void withNoServerTheJvmServes() throws Exception {
        Path repo = GitAnnex.initRepo(tmp.resolve("r"), "resident");
        Finished r = launcher("p2pstdio", repo.toString(), CLIENT).stdin(new byte[0]).run(BOUND);
        assertThat(r.out()).as("stderr: %s", r.err()).isEqualTo("AUTH-SUCCESS " + GitAnnex.uuid(repo) + "\n");
        assertThat(r.err()).isEmpty();
        assertThat(r.exit()).isZero();
    }

    @Test
    void aServerThatRefusesLeavesTheSessionToTheJvmWhichIsTheProcessGitAnnexStarted() throws Exception {
        Path repo = GitAnnex.initRepo(tmp.resolve("r"), "resident");
        try (FakeShellServer server = FakeShellServer.listening(socket, s -> {
            s.request();
            s.send('B', "at the session cap".getBytes(StandardCharsets.UTF_8));
        });
                var p = launcher("p2pstdio", repo.toString(), CLIENT).talking().start();
                var out = new java.io.BufferedReader(new java.io.InputStreamReader(p.output(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("AUTH-SUCCESS " + GitAnnex.uuid(repo));
            assertThat(server.connections()).as("the server was asked first").isEqualTo(1);
            // The fallback is exec'd: the PID git-annex started is the JVM, with the launcher's options.
            assertThat(Launcher.commandLine(p.pid())).startsWith("java ")
                    .contains(" -XX:Tier4InvocationThreshold=50000 ")
                    .endsWith(" -jar " + org.annexp2p.cli.interop.AnnexP2p.jar() + " p2pstdio " + repo + " " + CLIENT);
            p.closeInput();
            assertThat(p.awaitExit(BOUND)).as("stderr: %s", p.err()).isZero();
            assertThat(p.err()).isEmpty();
        }
    }

    @Test
    void theToolsCommandsNeverGoToTheServer() throws Exception {
        try (FakeShellServer server = FakeShellServer.listening(socket, s -> s.send('B', "unexpected".getBytes(StandardCharsets.UTF_8)))) {
            Finished r = launcher("--version").stdin(new byte[0]).run(BOUND);
            assertThat(r.exit()).as("stderr: %s", r.err()).isZero();
            assertThat(r.out()).isNotEmpty();
            assertThat(server.connections()).isZero();
        }
    }
}
