package org.annexp2p.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.wire.WireText;
import org.annexp2p.testkit.content.AnnexedContent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A peer that accepts the connection and never speaks: client commands give up after the handshake deadline
 * (--timeout, or the default) with one line that says so, instead of waiting out the 10-minute idle timeout. A
 * transfer that outlasts the deadline after a prompt greeting is not cut. Timeouts here are safety nets only.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HandshakeTimeoutTest {
    static final String KEY = "SHA256E-s10--0000000000000000000000000000000000000000000000000000000000000000";

    @TempDir
    Path dir;
    @RegisterExtension
    final CapturedStderr err = new CapturedStderr();

    private final List<Socket> held = new ArrayList<>();
    private ServerSocket silent;

    /** Accepts every connection and says nothing, holding it open. */
    private String silentPeer() throws IOException {
        silent = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            try {
                while (true) {
                    Socket s = silent.accept();
                    synchronized (held) {
                        held.add(s);
                    }
                }
            } catch (IOException closed) {
                // The test is over.
            }
        }, "silent peer");
        t.setDaemon(true);
        t.start();
        return "127.0.0.1:" + silent.getLocalPort();
    }

    @AfterEach
    void close() throws IOException {
        if (silent != null) {
            silent.close();
        }
        synchronized (held) {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void getGivesUpOnASilentPeerAfterTimeout() throws Exception {
        String peer = silentPeer();
        int exit = Main.run("get", "--address", "tcp://" + peer, "--token", "abc", "--timeout", "1s", KEY,
                dir.resolve("out").toString());
        assertThat(exit).isEqualTo(1);
        assertThat(err.text()).isEqualTo("annex-p2p: tcp " + peer + " accepted the connection but did not answer within 1 s\n");
    }

    @Test
    void everyClientCommandTakesTheTimeout() throws Exception {
        String peer = silentPeer();
        String line = "tcp " + peer + " accepted the connection but did not answer within 1 s";
        assertThat(Main.run("put", "--address", "tcp://" + peer, "--token", "abc", "--timeout", "1s", KEY,
                Files.writeString(dir.resolve("in"), "0123456789").toString())).isEqualTo(1);
        assertThat(Main.run("lock", "--address", "tcp://" + peer, "--token", "abc", "--timeout", "1s", KEY)).isEqualTo(1);
        assertThat(Main.run("remove", "--address", "tcp://" + peer, "--token", "abc", "--timeout", "1s", KEY)).isEqualTo(1);
        assertThat(Main.run("checkpresent", "--address", "tcp://" + peer, "--token", "abc", "--timeout", "1s", KEY))
                .as("checkpresent's own code for could not check").isEqualTo(100);
        assertThat(err.text().lines().filter(l -> l.contains(line)).count()).as("stderr: %s", err).isEqualTo(4);
    }

    @Test
    void withoutTimeoutATcpPeerHasTenSeconds() throws Exception {
        String peer = silentPeer();
        assertThat(Main.run("checkpresent", "--address", "tcp://" + peer, "--token", "abc", KEY)).isEqualTo(100);
        assertThat(err.text()).contains("tcp " + peer + " accepted the connection but did not answer within 10 s");
    }

    @Test
    void aPeerThatAnswersAuthButNotVersionIsCutToo() throws Exception {
        try (ServerSocket half = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
                try (Socket s = half.accept()) {
                    HandPlayedPeer.line(s.getInputStream());
                    HandPlayedPeer.send(s.getOutputStream(), "AUTH-SUCCESS " + HandPlayedPeer.UUID);
                    HandPlayedPeer.line(s.getInputStream());
                    // No VERSION: wait for the client to give up.
                    s.getInputStream().read();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            assertThat(Main.run("checkpresent", "--address", "tcp://127.0.0.1:" + half.getLocalPort(), "--token", "abc", "--timeout", "1500ms",
                    KEY)).isEqualTo(100);
            assertThat(err.text()).contains("did not answer within 1500 ms");
            served.get(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void aTransferThatOutlastsTheDeadlineAfterAPromptGreetingIsNotCut() throws Exception {
        byte[] content = "slow bytes".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        String key = AnnexedContent.of(content, "").keyText();
        assertThat(Key.parse(WireText.ofUnicode(key))).isNotEmpty();
        Path out = dir.resolve("out");
        try (HandPlayedPeer peer = new HandPlayedPeer()) {
            CompletableFuture<String> answered = peer.next((request, in, o) -> {
                HandPlayedPeer.send(o, "DATA " + content.length);
                for (byte b : content) {
                    o.write(b);
                    o.flush();
                    sleep(Duration.ofMillis(550)); // ten bytes over 5.5 seconds: past the five-second deadline
                }
                HandPlayedPeer.send(o, "VALID");
                return HandPlayedPeer.line(in);
            });
            // The deadline runs from before the plugins are set up (the first TCP dial in this JVM starts Netty), so
            // the greeting has to be in within it; one second could be spent before the dial on a loaded machine.
            int exit = Main.run("get", "--address", peer.address(), "--token", "abc", "--timeout", "5s", key, out.toString());
            assertThat(exit).as("stderr: %s", err).isZero();
            assertThat(answered.get(60, TimeUnit.SECONDS)).isEqualTo("SUCCESS");
        }
        assertThat(Files.readAllBytes(out)).isEqualTo(content);
    }

    @Test
    void aTimeoutThatIsNotADurationIsAUsageError() {
        assertThat(Main.run("get", "--address", "tcp://127.0.0.1:1", "--timeout", "soon", KEY, "out")).isEqualTo(2);
        assertThat(Main.run("get", "--address", "tcp://127.0.0.1:1", "--timeout", "0s", KEY, "out")).isEqualTo(2);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
