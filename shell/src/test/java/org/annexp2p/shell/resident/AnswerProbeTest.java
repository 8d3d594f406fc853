package org.annexp2p.shell.resident;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The doctor's question to a socket: a real server answers it; nothing there, a stale socket file or a directory the
 * server would refuse is nobody (the last never even connected to); a listener that accepts and never answers, or
 * closes, is silent, which is what a systemd socket whose service does not start looks like.
 */
@Timeout(60)
class AnswerProbeTest {
    private static final Duration SHORT = Duration.ofMillis(300);

    @TempDir
    Path tmp;

    private SocketDirectory privateDirectory() throws IOException {
        return new SocketDirectory(Files.createDirectory(tmp.resolve("annex-p2p"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))), SocketDirectory.realUid());
    }

    private static ServerSocketChannel listenOn(SocketDirectory d) throws IOException {
        ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        listener.bind(UnixDomainSocketAddress.of(d.socket()));
        return listener;
    }

    @Test
    void aServerAnswersAndNothingThereIsNobody() throws Exception {
        SocketDirectory d = privateDirectory();
        assertThat(AnswerProbe.ask(d, SHORT)).as("no socket file").isEqualTo(new AnswerProbe.Result.Nobody());
        ResidentServer server = ResidentServer.start(d, TestServers.settings());
        Thread serving = TestServers.serving(server);
        try {
            assertThat(AnswerProbe.ask(d, Duration.ofSeconds(30))).isEqualTo(new AnswerProbe.Result.Served());
        } finally {
            server.stop();
            serving.join(10_000);
        }
        try (ServerSocketChannel stale = listenOn(d)) {
            // bound, then closed below: its file stays
        }
        assertThat(d.socket()).as("a closed listener leaves its socket file").exists();
        assertThat(AnswerProbe.ask(d, SHORT)).as("a stale socket file").isEqualTo(new AnswerProbe.Result.Nobody());
    }

    @Test
    void aListenerThatNeverAnswersIsSilent() throws IOException {
        SocketDirectory d = privateDirectory();
        try (ServerSocketChannel systemd = listenOn(d)) {
            assertThat(AnswerProbe.ask(d, SHORT)).isEqualTo(new AnswerProbe.Result.Silent("no answer within 300 ms"));
        }
    }

    @Test
    void aListenerThatClosesWithoutAnAnswerIsSilent() throws Exception {
        SocketDirectory d = privateDirectory();
        try (ServerSocketChannel listener = listenOn(d)) {
            Thread closer = new Thread(() -> {
                try (SocketChannel accepted = listener.accept()) {
                    // closed unanswered
                } catch (IOException e) {
                    // the test failed elsewhere
                }
            });
            closer.start();
            assertThat(AnswerProbe.ask(d, Duration.ofSeconds(30)))
                    .isEqualTo(new AnswerProbe.Result.Silent("it closed the connection without an answer"));
            closer.join(10_000);
        }
    }

    @Test
    void aListenerInADirectoryOthersMayEnterIsNotAskedAtAll() throws IOException {
        SocketDirectory d = privateDirectory();
        try (ServerSocketChannel listener = listenOn(d)) {
            listener.configureBlocking(false);
            Files.setPosixFilePermissions(d.dir(), PosixFilePermissions.fromString("rwxrwxrwx"));
            assertThat(AnswerProbe.ask(d, SHORT)).isEqualTo(new AnswerProbe.Result.Nobody());
            assertThat(listener.accept()).as("no connection was made").isNull();
        }
    }
}
