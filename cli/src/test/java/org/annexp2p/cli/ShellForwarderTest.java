package org.annexp2p.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.annexp2p.testkit.process.Command;
import org.annexp2p.testkit.process.Finished;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * bin/lib/shell-forward.pl, the ssh side of the resident shell server, against a server played by the test
 * ({@link FakeShellServer}) under a private XDG_RUNTIME_DIR. Its fallback here is a small sh program that prints its
 * argv and then copies its stdin, so a test sees both the command line the JVM would get and that no input was taken.
 */
class ShellForwarderTest {
    private static final Path FORWARDER = Path.of("..", "bin", "lib", "shell-forward.pl").toAbsolutePath().normalize();
    private static final String BROKE = "annex-p2p: the resident shell server broke the session protocol\n";
    private static final String NO_EXIT = "annex-p2p: the resident shell server ended the session without an exit status\n";
    private static final List<String> ARGV = List.of("p2pstdio", "/srv/a repo", "00000000-0000-4000-8000-0000000c11e7");
    /** A forwarder that hangs is killed after this (a watchdog, not a measurement: the runs take well under it). */
    private static final Duration BOUND = Duration.ofMinutes(2);

    @TempDir
    Path tmp;
    private Path xdg;
    private Path dir;
    private Path socket;
    private Path fallback;

    @BeforeEach
    void privateRuntimeDirectory() throws IOException {
        xdg = Files.createDirectory(tmp.resolve("xdg"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        dir = xdg.resolve("annex-p2p");
        socket = dir.resolve("shell.sock");
        assertThat(socket.toString().getBytes(StandardCharsets.UTF_8).length).as("a socket path that fits sun_path").isLessThan(108);
        fallback = tmp.resolve("fallback");
        Files.writeString(fallback, """
                #!/bin/sh
                printf 'fallback'
                for a do printf ' [%s]' "$a"; done
                printf '\\n'
                exec cat
                """);
        Files.setPosixFilePermissions(fallback, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private Path privateDirectory() throws IOException {
        return Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    /**
     * The forwarder's command line as bin/annex-p2p makes it (N, the arguments, then the fallback's command line), but
     * under strict and warnings: the forwarder does not load them itself, to start sooner.
     */
    private static List<String> forwarderCommand(Path fallbackProgram, List<String> argv) {
        List<String> command = new ArrayList<>(List.of("perl", "-Mstrict", "-w", "--", FORWARDER.toString(),
                Integer.toString(argv.size())));
        command.addAll(argv);
        command.add(fallbackProgram.toString());
        command.addAll(List.of("-jar", "annex-p2p.jar"));
        command.addAll(argv);
        return command;
    }

    private static String fallbackLine(List<String> argv) {
        StringBuilder line = new StringBuilder("fallback [-jar] [annex-p2p.jar]");
        argv.forEach(a -> line.append(" [").append(a).append(']'));
        return line.append('\n').toString();
    }

    private Command forwarder() {
        return Command.of(forwarderCommand(fallback, ARGV)).env("XDG_RUNTIME_DIR", xdg.toString())
                .without("ANNEX_P2P_DEBUG_RESIDENT", "ANNEX_P2P_RESIDENT_TEST_WAIT").safety(BOUND);
    }

    private Finished forward(byte[] stdin) throws IOException {
        return forwarder().stdin(stdin).run(BOUND);
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static byte[] concat(String text, byte[] bytes) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        all.writeBytes(bytes);
        return all.toByteArray();
    }

    /** A script whose session starts ('S') and ends with {@code status} once the forwarder's input is done. */
    private static FakeShellServer.Script serving(int status) {
        return s -> {
            s.request();
            s.send('S');
            s.input();
            s.exit(status);
        };
    }

    /** Reads (and drops) whatever the forwarder still sends until it closes its end: both its processes are gone. */
    private static void untilClosed(FakeShellServer.Session s) throws IOException {
        while (s.read() != null) {
            // its input frames, if any
        }
    }

    @Test
    void withNoDirectoryOrNoSocketItExecsTheFallbackSilentlyWithStdinUntouched() throws IOException {
        byte[] stdin = "VERSION 1\n".getBytes(StandardCharsets.US_ASCII);
        Finished noDirectory = forward(stdin);
        assertThat(noDirectory.stdout()).isEqualTo(concat(fallbackLine(ARGV), stdin));
        assertThat(noDirectory.err()).isEmpty();
        assertThat(noDirectory.exit()).isZero();

        privateDirectory();
        Finished noSocket = forward(stdin);
        assertThat(noSocket.stdout()).isEqualTo(concat(fallbackLine(ARGV), stdin));
        assertThat(noSocket.err()).isEmpty();
    }

    @Test
    void aRefusalExecsTheFallbackWhichGetsTheWholeInput() throws Exception {
        privateDirectory();
        byte[] stdin = random(200_000, 1);
        try (FakeShellServer server = FakeShellServer.listening(socket, s -> {
            s.request();
            s.send('B', "at the session cap".getBytes(StandardCharsets.UTF_8));
        })) {
            Finished r = forward(stdin);
            server.awaitPlayed(BOUND);
            assertThat(server.connections()).isEqualTo(1);
            assertThat(r.stdout()).isEqualTo(concat(fallbackLine(ARGV), stdin));
            assertThat(r.err()).as("a refusal is not the user's business").isEmpty();
            assertThat(r.exit()).isZero();
        }
    }

    @Test
    void aRefusalsReasonIsShownWhenAskedFor() throws Exception {
        privateDirectory();
        try (FakeShellServer server = FakeShellServer.listening(socket, s -> {
            s.request();
            s.send('B', "its jar was rebuilt".getBytes(StandardCharsets.UTF_8));
        })) {
            Finished r = forwarder().env("ANNEX_P2P_DEBUG_RESIDENT", "1").stdin(new byte[0]).run(BOUND);
            assertThat(r.out()).isEqualTo(fallbackLine(ARGV));
            assertThat(r.err()).isEqualTo("annex-p2p: not using the resident shell server: not served here: its jar was rebuilt\n");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"rwxr-xr-x", "rwx-w----", "rwx-----x"})
    void aDirectoryOthersMayUseIsNotTrusted(String mode) throws Exception {
        Files.createDirectory(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(mode));
        try (FakeShellServer server = FakeShellServer.listening(socket, serving(0))) {
            Finished r = forward("input".getBytes(StandardCharsets.US_ASCII));
            assertThat(r.out()).isEqualTo(fallbackLine(ARGV) + "input");
            assertThat(r.err()).isEqualTo("annex-p2p: not using the resident shell server: " + dir
                    + " is not a private directory of this user\n");
            assertThat(server.connections()).as("no connection to a server in such a directory").isZero();
        }
    }

    @Test
    void aSymlinkToAPrivateDirectoryIsNotTrusted() throws Exception {
        Path real = Files.createDirectory(tmp.resolve("real"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.createSymbolicLink(dir, real);
        try (FakeShellServer server = FakeShellServer.listening(real.resolve("shell.sock"), serving(0))) {
            Finished r = forward("input".getBytes(StandardCharsets.US_ASCII));
            assertThat(r.out()).isEqualTo(fallbackLine(ARGV) + "input");
            assertThat(r.err()).isEqualTo("annex-p2p: not using the resident shell server: " + dir
                    + " is not a private directory of this user\n");
            assertThat(server.connections()).isZero();
        }
    }

    @Test
    void aServerOfAnotherUserIsToldNothing() throws Exception {
        // Another user's server in our directory (bound there before it was made private, say) with a socket anyone
        // may connect to. The forwarder runs as nobody and the server as this test's user: possible only as root, as
        // CI runs the suite (it fails loudly elsewhere, as the namespace tests do: never a silent skip).
        assertThat((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid"))
                .as("this test needs root, to run the forwarder as nobody").isZero();
        assertThat(Path.of("/usr/bin/setpriv")).as("this test needs setpriv (util-linux)").isExecutable();
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(xdg, PosixFilePermissions.fromString("rwxr-xr-x"));
        privateDirectory();
        Files.setOwner(dir, dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
        try (FakeShellServer server = FakeShellServer.listening(socket, s ->
                assertThat(s.read()).as("nothing at all is sent to it: no argv, no environment").isNull())) {
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rwxrwxrwx"));
            List<String> asNobody = new ArrayList<>(List.of("/usr/bin/setpriv", "--reuid=nobody", "--regid=nogroup",
                    "--clear-groups"));
            asNobody.addAll(forwarderCommand(fallback, ARGV));
            Finished r = Command.of(asNobody).env("XDG_RUNTIME_DIR", xdg.toString())
                    .without("ANNEX_P2P_DEBUG_RESIDENT", "ANNEX_P2P_RESIDENT_TEST_WAIT").safety(BOUND)
                    .stdin("input").run(BOUND);
            server.awaitPlayed(BOUND);
            assertThat(r.out()).isEqualTo(fallbackLine(ARGV) + "input");
            assertThat(r.err()).isEqualTo("annex-p2p: not using the resident shell server: " + socket
                    + " is served by another user (uid 0)\n");
            assertThat(server.connections()).isEqualTo(1);
        }
    }

    @Test
    void aServerSilentAfterTheRequestIsLeftAfterTheWait() throws Exception {
        privateDirectory();
        byte[] stdin = random(100_000, 2);
        try (FakeShellServer server = FakeShellServer.listening(socket, s -> {
            s.request();
            assertThat(s.read()).as("the forwarder gives up and closes, having sent nothing more").isNull();
        })) {
            // The forwarder waits 10 s for a user; a test's 1 s is the same wait made short.
            Finished r = forwarder().env("ANNEX_P2P_RESIDENT_TEST_WAIT", "1").stdin(stdin).run(BOUND);
            server.awaitPlayed(BOUND);
            assertThat(r.stdout()).isEqualTo(concat(fallbackLine(ARGV), stdin));
            assertThat(r.err()).isEmpty();
            assertThat(r.exit()).isZero();
        }
    }

    @Test
    void theRequestCarriesArgvEnvironmentAndDirectoryAsSent() throws Exception {
        privateDirectory();
        Path cwd = Files.createDirectory(tmp.resolve("a dir ✓"));
        List<String> argv = List.of("-c", "git-annex-shell 'p2pstdio' '/~/ü ber' 'x'", "", "a=b", "żółw ✓");
        List<String> env = List.of("PATH=/usr/bin:/bin", "XDG_RUNTIME_DIR=" + xdg, "WITH_EQUALS=a=b==c=",
                "UTF8=żółw ✓ \t'\"", "EMPTY=");
        // A sh program written as UTF-8 bytes starts it, so neither this JVM's locale nor its environment can change
        // what the forwarder gets; env -i makes its environment exactly the list.
        StringBuilder script = new StringBuilder("cd " + quoted(cwd.toString()) + " && exec env -i");
        env.forEach(e -> script.append(' ').append(quoted(e)));
        forwarderCommand(fallback, argv).forEach(w -> script.append(' ').append(quoted(w)));
        Path program = tmp.resolve("start.sh");
        Files.writeString(program, script.append('\n'), StandardCharsets.UTF_8);
        AtomicReference<FakeShellServer.Request> got = new AtomicReference<>();
        try (FakeShellServer server = FakeShellServer.listening(socket, s -> {
            got.set(s.request());
            s.send('S');
            s.input();
            s.exit(0);
        })) {
            Finished r = Command.of("sh", program.toString()).stdin(new byte[0]).safety(BOUND).run(BOUND);
            server.awaitPlayed(BOUND);
            assertThat(r.exit()).as("stderr: %s", r.err()).isZero();
            assertThat(r.stdout()).as("the session's stdout: nothing").isEmpty();
            assertThat(got.get().version()).isEqualTo("annex-p2p-shell 1");
            assertThat(got.get().argv()).isEqualTo(argv);
            assertThat(got.get().env()).containsExactlyInAnyOrderElementsOf(env);
            assertThat(got.get().dir()).isEqualTo(cwd.toRealPath().toString());
        }
    }

    private static String quoted(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    @Test
    void stdinArrivesExactlyThenItsEnd() throws Exception {
        privateDirectory();
        byte[] stdin = random(5 << 20, 3);
        AtomicReference<byte[]> got = new AtomicReference<>();
        try (FakeShellServer server = FakeShellServer.listening(socket, s -> {
            s.request();
            s.send('S');
            got.set(s.input());
            s.exit(0);
        })) {
            Finished r = forward(stdin);
            server.awaitPlayed(BOUND);
            assertThat(r.exit()).as("stderr: %s", r.err()).isZero();
            assertThat(got.get()).as("what the session read, to its 'C'").isEqualTo(stdin);
        }
    }

    @Test
    void stdoutAndStderrArriveExactlyOnTheirStreams() throws Exception {
        privateDirectory();
        byte[] out = random(5 << 20, 4);
        byte[] err = random(1 << 20, 5);
        try (FakeShellServer server = FakeShellServer.listening(socket, s -> {
            s.request();
            s.send('S');
            // Frames of many sizes, up to the limit, the two streams interleaved.
            int o = 0;
            int e = 0;
            Random sizes = new Random(6);
            while (o < out.length || e < err.length) {
                int n = Math.min(out.length - o, sizes.nextInt(FakeShellServer.MAX_PAYLOAD) + 1);
                s.send('O', Arrays.copyOfRange(out, o, o + n));
                o += n;
                int m = Math.min(err.length - e, sizes.nextInt(100_000) + 1);
                s.send('R', Arrays.copyOfRange(err, e, e + m));
                e += m;
            }
            s.input();
            s.exit(0);
        })) {
            Finished r = forward(new byte[0]);
            server.awaitPlayed(BOUND);
            assertThat(r.exit()).isZero();
            assertThat(r.stdout()).isEqualTo(out);
            assertThat(r.stderr()).isEqualTo(err);
        }
    }

    @Test
    void bothDirectionsStreamAtOnce() throws Exception {
        // A session that writes all its output before it reads its input, while the forwarder's own stdin is being
        // written: a forwarder copying one direction at a time would wait on the full socket while the session waits
        // on the full stdout (the run's bound would fail this test; no timing is asserted).
        privateDirectory();
        byte[] in = random(5 << 20, 7);
        byte[] out = random(5 << 20, 8);
        AtomicReference<byte[]> got = new AtomicReference<>();
        try (FakeShellServer server = FakeShellServer.listening(socket, s -> {
            s.request();
            s.send('S');
            for (int o = 0; o < out.length; o += 65536) {
                s.send('O', Arrays.copyOfRange(out, o, Math.min(out.length, o + 65536)));
            }
            got.set(s.input());
            s.exit(0);
        })) {
            Finished r = forward(in);
            server.awaitPlayed(BOUND);
            assertThat(r.exit()).as("stderr: %s", r.err()).isZero();
            assertThat(got.get()).isEqualTo(in);
            assertThat(r.stdout()).isEqualTo(out);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 42, 255})
    void theSessionsExitStatusIsTheForwarders(int status) throws Exception {
        privateDirectory();
        try (FakeShellServer server = FakeShellServer.listening(socket, serving(status))) {
            Finished r = forward(new byte[0]);
            server.awaitPlayed(BOUND);
            assertThat(r.exit()).isEqualTo(status);
            assertThat(r.err()).isEmpty();
        }
    }

    @Test
    void aFrameOverTheLimitEndsTheSessionWithOneLine() throws Exception {
        privateDirectory();
        try (FakeShellServer server = FakeShellServer.listening(socket, s -> {
            s.request();
            s.send('S');
            s.sendHead('O', FakeShellServer.MAX_PAYLOAD + 1L);
            untilClosed(s);
        })) {
            Finished r = forward(new byte[0]);
            server.awaitPlayed(BOUND);
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.err()).isEqualTo(BROKE);
            assertThat(r.stdout()).isEmpty();
        }
    }

    @Test
    void anUnknownFrameEndsTheSessionWithOneLine() throws Exception {
        privateDirectory();
        try (FakeShellServer server = FakeShellServer.listening(socket, s -> {
            s.request();
            s.send('S');
            s.send('O', "partial".getBytes(StandardCharsets.US_ASCII));
            s.send('Q', "?".getBytes(StandardCharsets.US_ASCII));
            untilClosed(s);
        })) {
            Finished r = forward(new byte[0]);
            server.awaitPlayed(BOUND);
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.err()).isEqualTo(BROKE);
            assertThat(r.out()).isEqualTo("partial");
        }
    }

    @Test
    void aServerClosingWithoutAnExitStatusEndsTheSessionWithOneLine() throws Exception {
        privateDirectory();
        try (FakeShellServer server = FakeShellServer.listening(socket, s -> {
            s.request();
            s.send('S');
            s.send('O', "partial".getBytes(StandardCharsets.US_ASCII));
        })) {
            Finished r = forward(new byte[0]);
            server.awaitPlayed(BOUND);
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.err()).isEqualTo(NO_EXIT);
            assertThat(r.out()).isEqualTo("partial");
        }
    }

    @Test
    void whenStdoutIsGoneBothProcessesEndAndTheServerSeesTheConnectionClose() throws Exception {
        // ssh gone: stdout's reader closed, while stdin stays open and idle (the input copy is blocked reading it).
        // The input copy holds the socket too: unless it also ends, the server would write into a session nobody
        // reads. Stdin is a FIFO the test holds open: a pipe from this JVM would be closed by it when the process it
        // started exits, which would end the input copy however the forwarder behaved.
        privateDirectory();
        Path fifo = tmp.resolve("stdin");
        assertThat(Command.of("mkfifo", fifo.toString()).run().exit()).isZero();
        AtomicReference<IOException> ended = new AtomicReference<>();
        try (FakeShellServer server = FakeShellServer.listening(socket, s -> {
            s.request();
            s.send('S');
            byte[] chunk = new byte[65536];
            try {
                for (int i = 0; i < 100_000; i++) {
                    s.send('O', chunk);
                }
            } catch (IOException closed) {
                ended.set(closed);
            }
        });
                // Read and write: opening a FIFO so never waits for the other end.
                RandomAccessFile idleInput = new RandomAccessFile(fifo.toFile(), "rw")) {
            ProcessBuilder pb = new ProcessBuilder(forwarderCommand(fallback, ARGV));
            pb.environment().put("XDG_RUNTIME_DIR", xdg.toString());
            pb.redirectInput(fifo.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
            Process p = pb.start();
            try {
                try (InputStream stdout = p.getInputStream()) {
                    assertThat(stdout.readNBytes(65536)).hasSize(65536);
                }
                assertThat(p.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS)).as("the forwarder ended").isTrue();
                assertThat(p.exitValue()).as("killed by SIGPIPE, as the JVM would be").isEqualTo(128 + 13);
                server.awaitPlayed(BOUND);
                assertThat(ended.get()).as("the server's writes failed: the connection is closed").isNotNull();
            } finally {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }
    }
}
