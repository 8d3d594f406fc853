package org.annexp2p.pairing.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.annexp2p.transports.tcp.ChainTrust;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PinnedTlsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final TlsIdentity ALICE = TlsIdentity.generate("alice");
    private static final TlsIdentity BOB = TlsIdentity.generate("bob");
    private static final TlsIdentity MALLORY = TlsIdentity.generate("mallory");

    private final ExecutorService executor = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() throws InterruptedException {
        executor.shutdownNow();
        assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void pairedKeysTalkBothWaysAndHalfCloseWorks() throws Exception {
        try (PinnedTlsServer server = PinnedTls.listen(loopback(), BOB, ALICE.fingerprint())) {
            Future<String> served = executor.submit(() -> {
                try (TlsConnection c = new TlsConnection(server.accept(TIMEOUT))) {
                    String heard = new String(c.input().readAllBytes(), StandardCharsets.UTF_8);
                    c.output().write(("echo " + heard).getBytes(StandardCharsets.UTF_8));
                    c.output().flush();
                    return heard;
                }
            });
            try (TlsConnection c = new TlsConnection(PinnedTls.connect(server.localAddress(), ALICE, BOB.fingerprint(), TIMEOUT))) {
                c.output().write("hello".getBytes(StandardCharsets.UTF_8));
                c.shutdownOutput();
                assertThat(new String(c.input().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("echo hello");
            }
            assertThat(served.get(10, TimeUnit.SECONDS)).isEqualTo("hello");
        }
    }

    @Test
    void aServerWithAnotherKeyIsRefusedByTheClientNamingBothKeys() throws Exception {
        try (PinnedTlsServer impostor = PinnedTls.listen(loopback(), MALLORY, ALICE.fingerprint())) {
            Future<Throwable> serverSide = executor.submit(() -> failureOf(() -> impostor.accept(TIMEOUT)));
            assertThatThrownBy(() -> PinnedTls.connect(impostor.localAddress(), ALICE, BOB.fingerprint(), TIMEOUT))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("presented key " + MALLORY.fingerprint())
                    .hasMessageContaining("not the paired key " + BOB.fingerprint());
            assertThat(serverSide.get(10, TimeUnit.SECONDS)).isInstanceOf(IOException.class);
        }
    }

    @Test
    void aClientWithAnotherKeyIsRefusedAndBothSidesSayWhy() throws Exception {
        try (PinnedTlsServer server = PinnedTls.listen(loopback(), BOB, ALICE.fingerprint())) {
            Future<Throwable> serverSide = executor.submit(() -> failureOf(() -> server.accept(TIMEOUT)));
            assertThatThrownBy(() -> PinnedTls.connect(server.localAddress(), MALLORY, BOB.fingerprint(), TIMEOUT))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("TLS peer at " + PinnedTls.describe(server.localAddress()) + " refused our key");
            assertThat(serverSide.get(10, TimeUnit.SECONDS))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("presented key " + MALLORY.fingerprint())
                    .hasMessageContaining("not the paired key " + ALICE.fingerprint());
        }
    }

    /**
     * The paired server drops the connection with a reset after the handshake, before its verdict: what a refusing
     * server's kernel does when our last handshake records are still unread, which loses the alert on the way.
     */
    @Test
    void aResetAfterThePairedKeyWasShownIsSaidAsARefusalOfOurs() throws Exception {
        try (ServerSocket plain = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Future<Object> serverSide = executor.submit(() -> resetAfterHandshake(plain));
            InetSocketAddress address = (InetSocketAddress) plain.getLocalSocketAddress();
            assertThatThrownBy(() -> PinnedTls.connect(address, MALLORY, BOB.fingerprint(), TIMEOUT))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("TLS peer at " + PinnedTls.describe(address) + " refused our key: it showed the paired key");
            serverSide.get(10, TimeUnit.SECONDS);
        }
    }

    /** Without a pin, the server's key proves nothing, so the same reset is not called a refusal by a paired peer. */
    @Test
    void withoutAPinAnEarlyCloseIsNotCalledARefusalByThePairedPeer() throws Exception {
        try (ServerSocket plain = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Future<Object> serverSide = executor.submit(() -> resetAfterHandshake(plain));
            InetSocketAddress address = (InetSocketAddress) plain.getLocalSocketAddress();
            assertThatThrownBy(() -> PinnedTls.connectAnyKey(address, MALLORY, new AcceptAll(), TIMEOUT))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining(PinnedTls.describe(address))
                    .hasMessageNotContaining("paired key");
            serverSide.get(10, TimeUnit.SECONDS);
        }
    }

    /** Bob's server: a handshake accepting any client key, then a reset (no close_notify, no verdict). */
    private static Object resetAfterHandshake(ServerSocket plain) throws IOException {
        try (Socket accepted = plain.accept()) {
            SSLSocket tls = (SSLSocket) PinnedTls.context(BOB, new AcceptAll()).getSocketFactory().createSocket(accepted, null, false);
            tls.setUseClientMode(false);
            tls.setNeedClientAuth(true);
            tls.startHandshake();
            accepted.setSoLinger(true, 0);
        }
        return null;
    }

    private static final class AcceptAll extends ChainTrust {
        @Override
        protected void check(X509Certificate[] chain, Presenter presenter) {
        }
    }

    @Test
    void nothingListeningIsAClearError() throws Exception {
        InetSocketAddress closed;
        try (PinnedTlsServer s = PinnedTls.listen(loopback(), BOB, ALICE.fingerprint())) {
            closed = s.localAddress();
        }
        assertThatThrownBy(() -> PinnedTls.connect(closed, ALICE, BOB.fingerprint(), TIMEOUT))
                .hasMessageStartingWith("cannot connect to " + PinnedTls.describe(closed));
    }

    @Test
    void fingerprintsParseBackAndRefuseOtherShapes() {
        assertThat(KeyFingerprint.parse(ALICE.fingerprint().hex())).isEqualTo(ALICE.fingerprint());
        assertThat(KeyFingerprint.of(ALICE.publicKeyBytes())).isEqualTo(ALICE.fingerprint());
        assertThatThrownBy(() -> KeyFingerprint.parse("ABC")).hasMessageContaining("64 lowercase hex");
    }

    private static InetSocketAddress loopback() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    private interface Action {
        Object run() throws Exception;
    }

    private static Throwable failureOf(Action action) {
        try {
            action.run();
            return null;
        } catch (Exception e) {
            return e;
        }
    }
}
