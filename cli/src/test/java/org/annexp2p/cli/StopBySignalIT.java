package org.annexp2p.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.annexp2p.cli.interop.GitAnnex;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.repository.creds.CredsDir;
import org.annexp2p.repository.creds.TokenGenerator;
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
        Process serve = startServe(token);
        try (Socket peer = new Socket(InetAddress.getLoopbackAddress(), port);
                BufferedReader answers = new BufferedReader(new InputStreamReader(peer.getInputStream(), StandardCharsets.US_ASCII))) {
            peer.getOutputStream().write(("AUTH 00000000-0000-4000-8000-0000000c11e7 " + token.reveal() + "\n")
                    .getBytes(StandardCharsets.US_ASCII));
            peer.getOutputStream().flush();
            // Authenticated: a handler is serving this connection now, waiting for its next request.
            assertThat(answers.readLine()).startsWith("AUTH-SUCCESS ");
            signal(serve, "TERM");
            // The first stop closes the listener at once, then waits for the connection.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(EXIT_SECONDS);
            while (!portIsFree()) {
                assertThat(System.nanoTime()).as("the port was freed after the first SIGTERM").isLessThan(deadline);
                Thread.sleep(20);
            }
            assertThat(serve.isAlive()).as("serve waits for the connection it serves").isTrue();
            signal(serve, "TERM");
            assertThat(serve.waitFor(EXIT_SECONDS, TimeUnit.SECONDS)).as("serve exited after the second SIGTERM").isTrue();
        }
        String said = Files.readString(dir.resolve("serve.err"));
        assertThat(serve.exitValue()).as("exit code; stderr:%n%s", said).isEqualTo(143);
        assertThat(said).contains("annex-p2p: stopping at once (SIGTERM while stopping)").doesNotContain("stopped serving");
    }

    /** Interrupted while it makes its content, the demo removes its two repositories (up to 2 x --size of it). */
    @Test
    void aDemoStoppedByCtrlCRemovesItsRepositories() throws Exception {
        Path err = dir.resolve("demo.err");
        Process demo = new ProcessBuilder("env", "--default-signal=INT,TERM", Launcher.path().toString(), "demo", "--size", "512")
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(dir.resolve("demo.out").toFile())
                .redirectError(err.toFile())
                .start();
        Matcher where = Pattern.compile("two git-annex repositories in (\\S+)").matcher("");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LISTENING_SECONDS);
        while (!where.reset(Files.readString(err)).find()) {
            if (!demo.isAlive() || System.nanoTime() > deadline) {
                demo.destroyForcibly();
                fail("the demo did not make its repositories; stderr:%n%s", Files.readString(err));
            }
            Thread.sleep(20);
        }
        Path repositories = Path.of(where.group(1));
        assertThat(new ProcessBuilder("kill", "-INT", Long.toString(demo.pid())).inheritIO().start().waitFor()).isZero();
        assertThat(demo.waitFor(EXIT_SECONDS, TimeUnit.SECONDS)).as("the demo exited within %d s of SIGINT", EXIT_SECONDS)
                .isTrue();
        String said = Files.readString(err);
        assertThat(demo.exitValue()).as("exit code: stopped before it finished; stderr:%n%s", said).isEqualTo(130);
        assertThat(said).contains("annex-p2p: stopped; removed " + repositories + "\n");
        assertThat(repositories).as("the demo's repositories").doesNotExist();
    }

    /**
     * Starts serve through the launcher, signals the PID it got once serve listens, and checks what is left. Returns,
     * for more checks, the mappings the server had while it listened (as a path to a copy of them).
     */
    private Path serveAndStop(String signal) throws Exception {
        Process serve = startServe(null);
        assertThat(Launcher.commandLine(serve.pid())).as("the process started is the JVM that serves")
                .startsWith("java ").contains("serve --listen 127.0.0.1:" + port);
        Path maps = Files.writeString(dir.resolve("maps"), Launcher.mappedFiles(serve.pid()));

        signal(serve, signal);

        assertThat(serve.waitFor(EXIT_SECONDS, TimeUnit.SECONDS)).as("serve exited within %d s of SIG%s", EXIT_SECONDS, signal)
                .isTrue();
        String said = Files.readString(dir.resolve("serve.err"));
        assertThat(serve.exitValue()).as("exit code (0: a stop asked for; stderr:%n%s)", said).isZero();
        assertThat(said).as("stderr").contains("annex-p2p: stopped serving tcp://127.0.0.1:" + port + " (SIG" + signal + ")\n");
        assertThat(portIsFree()).as("port %d is free after serve exited", port).isTrue();
        assertThat(Launcher.toolProcessesWith("127.0.0.1:" + port)).as("processes still running serve on that port")
                .isEmpty();
        assertThat(Launcher.temporaryArchives()).as("temporary archives").isEmpty();
        return maps;
    }

    /** serve through the launcher on a free port, once it listens; {@code token}, if any, is accepted. */
    private Process startServe(AuthToken token) throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        GitAnnex.run(repo, Map.of(), "git", "init", "-q").ok();
        GitAnnex.run(repo, Map.of(), "git", "config", "annex.uuid", "00000000-0000-4000-8000-00000000516e").ok();
        if (token != null) {
            new CredsDir(repo.resolve(".git/annex/creds")).addAcceptedToken(token);
        }
        port = freePort();
        Path err = dir.resolve("serve.err");
        // As a terminal or systemd would start it: SIGINT and SIGTERM not ignored (a shell's background job, like
        // the build running this test may be, starts with SIGINT ignored, and a JVM keeps it so).
        Process serve = new ProcessBuilder("env", "--default-signal=INT,TERM", Launcher.path().toString(),
                "serve", "--listen", "127.0.0.1:" + port, "--repo", repo.toString())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(dir.resolve("serve.out").toFile())
                .redirectError(err.toFile())
                .start();
        String listening = "on tcp://127.0.0.1:" + port;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LISTENING_SECONDS);
        while (!Files.readString(err).contains(listening)) {
            if (!serve.isAlive() || System.nanoTime() > deadline) {
                serve.destroyForcibly();
                fail("serve did not start listening; stderr:%n%s", Files.readString(err));
            }
            Thread.sleep(50);
        }
        return serve;
    }

    private static void signal(Process p, String signal) throws Exception {
        int kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).inheritIO().start().waitFor();
        assertThat(kill).as("kill -%s", signal).isZero();
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
