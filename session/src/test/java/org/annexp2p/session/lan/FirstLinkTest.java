package org.annexp2p.session.lan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLSocket;
import org.annexp2p.pairing.tls.PinnedTls;
import org.annexp2p.pairing.tls.PinnedTlsServer;
import org.annexp2p.pairing.tls.TlsIdentity;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.repository.MemoryRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The first link after pairing authenticates through the protocol's own client program and codec: the peer must
 * answer AUTH with AUTH-SUCCESS naming the repository we paired with, in a line the codec reads. A peer that
 * answers anything else, however close, is not linked (and nothing would be saved).
 */
@Timeout(60)
class FirstLinkTest {

    private static final TlsIdentity US = TlsIdentity.generate("us");
    private static final TlsIdentity PEER = TlsIdentity.generate("peer");
    private static final Uuid PAIRED = new Uuid("0b9b6d6e-6c3e-4a53-9d0c-1a2b3c4d5e6f");
    private static final AuthToken TOKEN = AuthToken.parse("s3cr3tT0ken").get();
    private static final MemoryRepository OURS = new MemoryRepository(new Uuid("6f5e4d3c-2b1a-4c0d-9e3a-e6c6e6d6b9b0"));
    private static final Duration BOUND = Duration.ofMillis(1500);

    @Test
    void aPeerNamingThePairedRepositoryIsLinked() throws Exception {
        try (AnsweringPeer peer = AnsweringPeer.answering("AUTH-SUCCESS " + PAIRED.value())) {
            assertThat(link(peer)).isEmpty();
            assertThat(peer.heard()).containsExactly("AUTH " + OURS.uuid().value() + " " + TOKEN.reveal());
        }
    }

    @Test
    void authSuccessNamingAnotherRepositoryIsRefused() throws Exception {
        assertRefused("AUTH-SUCCESS anything");
        assertRefused("AUTH-SUCCESS ");
        assertRefused("AUTH-SUCCESS " + PAIRED.value() + " and more");
    }

    @Test
    void aMalformedOrOverlongAnswerIsRefused() throws Exception {
        assertRefused("AUTH-SUCCESS");
        assertRefused("AUTH-SUCCESSFUL " + PAIRED.value());
        assertRefused("AUTH-SUCCESS " + PAIRED.value() + "x".repeat(40_000));
    }

    @Test
    void authFailureIsRefusedAndSaidSo() throws Exception {
        try (AnsweringPeer peer = AnsweringPeer.answering("AUTH-FAILURE")) {
            assertThat(link(peer)).hasValueSatisfying(why -> assertThat(why).contains("authentication failed: the peer refused our token"));
        }
    }

    private static void assertRefused(String answer) throws Exception {
        try (AnsweringPeer peer = AnsweringPeer.answering(answer)) {
            assertThat(link(peer)).as("first link to a peer answering %.60s", answer).isPresent();
            assertThat(peer.heard()).isNotEmpty();
        }
    }

    private static Optional<String> link(AnsweringPeer peer) {
        return FirstLink.authenticate(List.of(peer.address()), US, PEER.fingerprint(), OURS, PAIRED,
                TOKEN, BOUND, line -> { });
    }

    /** A paired peer over pinned TLS that answers every AUTH with one fixed line. */
    private static final class AnsweringPeer implements AutoCloseable {
        private final PinnedTlsServer server;
        private final Thread thread;
        private final List<String> heard = new CopyOnWriteArrayList<>();
        private volatile boolean closed;

        private AnsweringPeer(PinnedTlsServer server, String answer) {
            this.server = server;
            this.thread = new Thread(() -> serve(answer), "answering peer");
            thread.setDaemon(true);
            thread.start();
        }

        static AnsweringPeer answering(String answer) throws IOException {
            return new AnsweringPeer(PinnedTls.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), PEER,
                    US.fingerprint()), answer);
        }

        private void serve(String answer) {
            while (!Thread.currentThread().isInterrupted()) {
                try (SSLSocket s = server.accept(Duration.ofSeconds(5))) {
                    heard.add(readLine(s.getInputStream()));
                    s.getOutputStream().write((answer + "\n").getBytes(StandardCharsets.UTF_8));
                    s.getOutputStream().flush();
                    // What the client says next (an ERROR, or nothing before it hangs up) does not matter here.
                    readLine(s.getInputStream());
                } catch (IOException e) {
                    if (closed) {
                        return;
                    }
                }
            }
        }

        InetSocketAddress address() {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port());
        }

        List<String> heard() {
            return heard;
        }

        @Override
        public void close() throws InterruptedException {
            closed = true;
            thread.interrupt();
            server.close();
            thread.join(10_000);
        }

        private static String readLine(InputStream in) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
                line.write(b);
            }
            return line.toString(StandardCharsets.UTF_8);
        }
    }
}
