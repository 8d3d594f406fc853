package org.annexp2p.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.annexp2p.cli.interop.GitAnnex;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.repository.creds.CredsDir;
import org.annexp2p.repository.creds.TokenGenerator;
import org.annexp2p.testkit.process.Command;
import org.annexp2p.testkit.process.RunningCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/annex-p2p serve} stopped as systemd, a shell's {@code kill $!} or a container's stop stop it, by
 * signalling the PID they started: that PID is the server itself (the launcher execs the JVM), and on SIGTERM or
 * SIGINT it stops serving, frees its port, says so in one line and exits 0, with or without the class-data
 * archives, leaving no JVM and no temporary archive behind. A command stopped before it finished (the demo) removes
 * its temporary files, says so, and exits as signalled.
 */
class StopBySignalIT {
    /** Generous: the first run may rebuild, and the machine may be busy. */
    private static final long LISTENING_SECONDS = 180;
    private static final long EXIT_SECONDS = 30;

    @TempDir
    Path dir;

    private int port;

    @Test
    void sigtermStopsTheFirstRunAfterABuild() throws Exception {
        try (AutoCloseable none = Launcher.withoutArchives(dir.resolve("archives"))) {
            serveAndStop("TERM");
        }
    }

    @Test
    void sigintStopsTheFirstRunAfterABuild() throws Exception {
        try (AutoCloseable none = Launcher.withoutArchives(dir.resolve("archives"))) {
            serveAndStop("INT");
        }
    }

    @Test
    void sigtermStopsALaterRun() throws Exception {
        assertThat(Files.readString(serveAndStop("TERM"))).as("what the serving JVM had mapped: its archive")
                .contains(Launcher.archives().resolve("commands.jsa").toString());
    }

    @Test
    void sigintStopsALaterRun() throws Exception {
        serveAndStop("INT");
    }

    /**
     * A stop waits (up to the shutdown grace) for connections still being served; a second signal does not. Told
     * apart by how it ends: 143 and "stopping at once", where the graceful stop would have ended 0.
     */
    @Test
    void aSecondSignalStopsAtOnceWhileAConnectionIsStillServed() throws Exception {
        AuthToken token = new TokenGenerator().generate(TokenGenerator.ADDRESS_TOKEN_LENGTH);
        try (RunningCommand serve = startServe(token);
                Socket peer = new Socket(InetAddress.getLoopbackAddress(), port);
                BufferedReader answers = new BufferedReader(new InputStreamReader(peer.getInputStream(), StandardCharsets.US_ASCII))) {
            peer.getOutputStream().write(("AUTH 00000000-0000-4000-8000-0000000c11e7 " + token.reveal() + "\n")
                    .getBytes(StandardCharsets.US_ASCII));
            peer.getOutputStream().flush();
            assertThat(answers.readLine()).startsWith("AUTH-SUCCESS ");
            // A PUT under way: a handler is serving this connection now, waiting for its DATA. (An idle peer would be
            // parked, holding no handler, and the first stop closes parked connections at once.)
            peer.getOutputStream().write(("PUT file SHA256E-s1--" + "0".repeat(64) + ".bin\n").getBytes(StandardCharsets.US_ASCII));
            peer.getOutputStream().flush();
            assertThat(answers.readLine()).isEqualTo("PUT-FROM 0");
            serve.signal("TERM");
            // The first stop closes the listener at once, then waits for the connection.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(EXIT_SECONDS);
            while (!portIsFree()) {
                assertThat(System.nanoTime()).as("the port was freed after the first SIGTERM").isLessThan(deadline);
                Thread.sleep(20);
            }
            assertThat(serve.alive()).as("serve waits for the connection it serves").isTrue();
            serve.signal("TERM");
            int exit = serve.awaitExit(Duration.ofSeconds(EXIT_SECONDS));
            String said = serve.err();
            assertThat(exit).as("exit code; stderr:%n%s", said).isEqualTo(143);
            assertThat(said).contains("annex-p2p: stopping at once (SIGTERM while stopping)").doesNotContain("stopped serving");
        }
    }

    /** Interrupted while it makes its content, the demo removes its two repositories (up to 2 x --size of it). */
    @Test
    void aDemoStoppedByCtrlCRemovesItsRepositories() throws Exception {
        try (RunningCommand demo = Command.of("env", "--default-signal=INT,TERM", Launcher.path().toString(), "demo", "--size", "512")
                .start()) {
            Path repositories = Path.of(demo.awaitErr(Pattern.compile("two git-annex repositories in (\\S+)"),
                    Duration.ofSeconds(LISTENING_SECONDS)));
            demo.signal("INT");
            int exit = demo.awaitExit(Duration.ofSeconds(EXIT_SECONDS));
            String said = demo.err();
            assertThat(exit).as("exit code: stopped before it finished; stderr:%n%s", said).isEqualTo(130);
            assertThat(said).contains("annex-p2p: stopped; removed " + repositories + "\n");
            assertThat(repositories).as("the demo's repositories").doesNotExist();
        }
    }

    /**
     * Starts serve through the launcher, signals the PID it got once serve listens, and checks what is left. Returns,
     * for more checks, the mappings the server had while it listened (as a path to a copy of them).
     */
    private Path serveAndStop(String signal) throws Exception {
        try (RunningCommand serve = startServe(null)) {
            assertThat(Launcher.commandLine(serve.pid())).as("the process started is the JVM that serves")
                    .startsWith("java ").contains("serve --listen 127.0.0.1:" + port);
            Path maps = Files.writeString(dir.resolve("maps"), Launcher.mappedFiles(serve.pid()));

            serve.signal(signal);

            int exit = serve.awaitExit(Duration.ofSeconds(EXIT_SECONDS));
            String said = serve.err();
            assertThat(exit).as("exit code (0: a stop asked for; stderr:%n%s)", said).isZero();
            assertThat(said).as("stderr").contains("annex-p2p: stopped serving tcp://127.0.0.1:" + port + " (SIG" + signal + ")\n");
            assertThat(portIsFree()).as("port %d is free after serve exited", port).isTrue();
            assertThat(Launcher.toolProcessesWith("127.0.0.1:" + port)).as("processes still running serve on that port")
                    .isEmpty();
            assertThat(Launcher.temporaryArchives()).as("temporary archives").isEmpty();
            return maps;
        }
    }

    /** serve through the launcher on a free port, once it listens; {@code token}, if any, is accepted. */
    private RunningCommand startServe(AuthToken token) throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        GitAnnex.run(repo, Map.of(), "git", "init", "-q").ok();
        GitAnnex.run(repo, Map.of(), "git", "config", "annex.uuid", "00000000-0000-4000-8000-00000000516e").ok();
        if (token != null) {
            new CredsDir(repo.resolve(".git/annex/creds")).addAcceptedToken(token);
        }
        port = freePort();
        // As a terminal or systemd would start it: SIGINT and SIGTERM not ignored (a shell's background job, like
        // the build running this test may be, starts with SIGINT ignored, and a JVM keeps it so).
        RunningCommand serve = Command.of("env", "--default-signal=INT,TERM", Launcher.path().toString(),
                "serve", "--listen", "127.0.0.1:" + port, "--repo", repo.toString()).start();
        serve.awaitErr(Pattern.compile(Pattern.quote("on tcp://127.0.0.1:" + port)), Duration.ofSeconds(LISTENING_SECONDS));
        return serve;
    }

    /** Whether a server could listen on the port now (as a restarted serve would: with SO_REUSEADDR, Java's default). */
    private boolean portIsFree() {
        try (ServerSocket again = new ServerSocket()) {
            again.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Whatever a failing run left (the old launcher left its JVM serving), so that it cannot hold the port on. */
    @AfterEach
    void stopLeftovers() {
        if (port != 0) {
            List<ProcessHandle> left = Launcher.toolProcessesWith("127.0.0.1:" + port);
            left.forEach(ProcessHandle::destroyForcibly);
            left.forEach(p -> p.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(t -> p).join());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
