package org.annexp2p.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.annexp2p.shell.resident.Frame;
import org.annexp2p.shell.resident.FrameCodec;
import org.annexp2p.testkit.process.Command;
import org.annexp2p.testkit.process.Finished;
import org.annexp2p.testkit.process.RunningCommand;
import org.annexp2p.testkit.repository.TemporaryRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/annex-p2p shell-server} as a user runs it: the doctor finds it, it serves configlist as the direct path answers it, a second
 * server on the same directory is refused in one line, the restricted shell refuses it by name, and SIGTERM stops
 * it with exit 0 and no socket left.
 */
class ShellServerIT {
    /** Generous: the first run may rebuild, and the machine may be busy. */
    private static final Duration STARTED = Duration.ofSeconds(180);

    @TempDir
    Path dir;

    @Test
    void servesLikeTheDirectPathAndStopsOnSigterm() throws Exception {
        Path runtime = Files.createDirectory(dir.resolve("run"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        Path socket = runtime.resolve("annex-p2p/shell.sock");
        TemporaryRepository repo = TemporaryRepository.annex(dir.resolve("repo"), "served");
        try (RunningCommand server = Command.of("env", "--default-signal=INT,TERM", Launcher.path().toString(), "shell-server")
                .env("XDG_RUNTIME_DIR", runtime.toString()).start()) {
            server.awaitErr(Pattern.compile(Pattern.quote("annex-p2p: serving git-annex-shell sessions on " + socket
                    + " (up to 64 at once)")), STARTED);

            Finished doctor = Command.of(Launcher.path().toString(), "doctor", "--loopback")
                    .env("XDG_RUNTIME_DIR", runtime.toString()).run();
            assertThat(doctor.err()).contains("doctor: shell server: ok: a shell server answers on " + socket + "\n");

            // The doctor's probe (a request it refuses without running anything) leaves the server serving.
            Finished direct = Command.of(Launcher.path().toString(), "configlist", repo.dir().toString()).run();
            assertThat(direct.exit()).isZero();
            assertThat(configlistThrough(socket, repo.dir())).isEqualTo(direct.out());

            Finished second = Command.of(Launcher.path().toString(), "shell-server").env("XDG_RUNTIME_DIR", runtime.toString()).run();
            assertThat(second.exit()).isEqualTo(1);
            assertThat(second.err()).isEqualTo("annex-p2p: a shell server is already running on " + socket + "\n");

            Finished confined = Command.of(Launcher.path().toString(), "shell-server")
                    .env(Map.of("XDG_RUNTIME_DIR", runtime.toString(), "GIT_ANNEX_SHELL_LIMITED", "1")).run();
            assertThat(confined.exit()).isEqualTo(1);
            assertThat(confined.err()).startsWith("annex-p2p: shell-server is refused: GIT_ANNEX_SHELL_LIMITED is set");

            server.signal("TERM");
            int exit = server.awaitExit(Duration.ofSeconds(30));
            assertThat(exit).as("stderr:%n%s", server.err()).isZero();
            assertThat(server.err()).contains("annex-p2p: stopped serving git-annex-shell sessions (SIGTERM)\n");
            assertThat(socket).doesNotExist();
        }
    }

    /**
     * Socket activation with perl standing in for systemd: the socket is bound (0600, in a 0700 directory) before the
     * server starts, the first connection waits in its backlog while the JVM starts and is served, and the server
     * exits after --idle leaving the socket for the next connection to start it again.
     */
    @Test
    void aSocketActivatedServerServesTheConnectionThatStartedItAndLeavesTheSocket() throws Exception {
        Path runtime = Files.createDirectory(dir.resolve("run"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        Path socket = Files.createDirectory(runtime.resolve("annex-p2p"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------"))).resolve("shell.sock");
        TemporaryRepository repo = TemporaryRepository.annex(dir.resolve("repo"), "served");
        String systemd = "socket(my $s, 1, 1, 0) or die \"socket: $!\"; bind($s, pack('S Z108', 1, $ENV{SOCK}))"
                + " or die \"bind: $!\"; chmod(0600, $ENV{SOCK}) or die; listen($s, 16) or die;"
                + " open(STDIN, '<&', $s) or die \"dup: $!\"; print STDERR \"listening\\n\"; exec @ARGV or die \"exec: $!\";";
        try (RunningCommand server = Command.of("perl", "-e", systemd, Launcher.path().toString(), "shell-server",
                "--socket-activated", "--idle", "2s").env(Map.of("XDG_RUNTIME_DIR", runtime.toString(), "SOCK",
                socket.toString())).start()) {
            server.awaitErr(Pattern.compile("listening"), STARTED);
            Finished direct = Command.of(Launcher.path().toString(), "configlist", repo.dir().toString()).run();
            assertThat(configlistThrough(socket, repo.dir())).isEqualTo(direct.out());
            int exit = server.awaitExit(STARTED);
            assertThat(exit).as("stderr:%n%s", server.err()).isZero();
            assertThat(server.err()).contains("annex-p2p: serving git-annex-shell sessions on " + socket);
            assertThat(socket).exists();
        }
    }

    @Test
    void socketActivatedWithoutASocketIsAUsageError() throws Exception {
        Finished r = Command.of(Launcher.path().toString(), "shell-server", "--socket-activated")
                .env("XDG_RUNTIME_DIR", dir.toString()).run();
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("annex-p2p: --socket-activated needs the listening socket as standard input"
                + " (a systemd socket unit with Accept=no, and StandardInput=socket in the service); standard input is"
                + " not a socket\n");
    }

    /** A forwarder's session by hand: configlist's stdout, once 'X' says 0. */
    private static String configlistThrough(Path socket, Path repository) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            List<Frame> request = new ArrayList<>(List.of(new Frame.Hello(Frame.VERSION), new Frame.Arg("configlist"),
                    new Frame.Arg(repository.toString())));
            System.getenv().forEach((k, v) -> request.add(new Frame.Env(k + "=" + v)));
            request.add(new Frame.Directory(repository.toString()));
            request.add(new Frame.Go());
            for (Frame f : request) {
                ByteBuffer b = ByteBuffer.wrap(FrameCodec.encode(f));
                while (b.hasRemaining()) {
                    channel.write(b);
                }
            }
            InputStream in = Channels.newInputStream(channel);
            assertThat(read(in)).isEqualTo(new Frame.Started());
            channel.write(ByteBuffer.wrap(FrameCodec.encode(new Frame.Closed())));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            while (true) {
                Frame f = read(in);
                if (f instanceof Frame.Output o) {
                    out.writeBytes(o.bytes());
                } else {
                    assertThat(f).isEqualTo(new Frame.Exit(0));
                    return out.toString(StandardCharsets.UTF_8);
                }
            }
        }
    }

    private static Frame read(InputStream in) throws IOException {
        FrameCodec.Decoded d = FrameCodec.read(in);
        assertThat(d).isInstanceOf(FrameCodec.Decoded.Read.class);
        return ((FrameCodec.Decoded.Read) d).frame();
    }
}
