package org.annexp2p.transports.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.annexp2p.transports.Connection;
import org.annexp2p.transports.Listener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class TlsTransportTest {

    private static final Duration DIAL = Duration.ofSeconds(10);

    private final TcpTransport tcp = new TcpTransport();
    private final TlsTransport tls = new TlsTransport(tcp);
    private final TlsServerKey serverKey = SelfSignedKeys.generate();

    @AfterEach
    void stop() {
        tcp.close();
    }

    @Test
    void aClientWithAnotherPinIsRefusedAndTheServerNeverSeesItsConnection() throws Exception {
        try (Listener listener = tls.listen("127.0.0.1:0", serverKey)) {
            TlsAddress right = TlsAddress.parse(listener.address());
            KeyPin other = SelfSignedKeys.generate().pin();
            TlsAddress wrong = new TlsAddress(right.endpoint(), other);
            CompletableFuture<String> firstAccepted = CompletableFuture.supplyAsync(() -> {
                try (Connection c = listener.accept()) {
                    return new String(c.input().readAllBytes(), StandardCharsets.US_ASCII);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });

            assertThatThrownBy(() -> tls.dial(wrong.toString(), DIAL))
                    .isInstanceOf(IOException.class)
                    .hasMessage("refusing " + wrong + ": the server presented key " + serverKey.pin() + ", not the pinned "
                            + other + " (nothing was sent to it; check the address, or ask its owner for the current one)");

            try (Connection good = tls.dial(right.toString(), DIAL)) {
                good.output().write("the pinned client".getBytes(StandardCharsets.US_ASCII));
                good.shutdownOutput();
            }
            assertThat(firstAccepted.get(30, TimeUnit.SECONDS)).as("the first connection the server got").isEqualTo("the pinned client");
        }
    }

    @Test
    void aPlaintextPeerGetsNoProtocolBytesAndTheServerStaysHealthy() throws Exception {
        try (Listener listener = tls.listen("127.0.0.1:0", serverKey)) {
            TlsAddress address = TlsAddress.parse(listener.address());
            CompletableFuture<String> firstAccepted = CompletableFuture.supplyAsync(() -> {
                try (Connection c = listener.accept()) {
                    c.output().write("hello pinned client\n".getBytes(StandardCharsets.US_ASCII));
                    c.output().flush();
                    return new String(c.input().readAllBytes(), StandardCharsets.US_ASCII);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            for (String attack : new String[] {"AUTH 5b7a4a8e-2f43-4c3c-9d0e-7a1f3c9e2b11 token\n", "VERSION 1\n", "\u0016\u0003\u0001\u0000\u0005hello"}) {
                byte[] answer = rawExchange(address.endpoint().port(), attack.getBytes(StandardCharsets.ISO_8859_1));
                // At most a TLS alert record (content type 21), then the server closes.
                assertThat(answer.length).as("answer to %s", attack.trim()).isLessThanOrEqualTo(7);
                if (answer.length > 0) {
                    assertThat(answer[0]).as("a TLS alert").isEqualTo((byte) 21);
                }
            }
            try (Connection good = tls.dial(address.toString(), DIAL)) {
                byte[] greeting = good.input().readNBytes("hello pinned client\n".length());
                assertThat(new String(greeting, StandardCharsets.US_ASCII)).isEqualTo("hello pinned client\n");
                good.output().write("after the attacks".getBytes(StandardCharsets.US_ASCII));
                good.shutdownOutput();
            }
            assertThat(firstAccepted.get(30, TimeUnit.SECONDS)).isEqualTo("after the attacks");
        }
    }

    @Test
    void aTls12ClientIsRefused() throws Exception {
        try (Listener listener = tls.listen("127.0.0.1:0", serverKey)) {
            TlsAddress address = TlsAddress.parse(listener.address());
            javax.net.ssl.SSLContext tls12 = javax.net.ssl.SSLContext.getInstance("TLSv1.2");
            tls12.init(null, new javax.net.ssl.TrustManager[] {new TrustingAnyKey()}, null);
            try (javax.net.ssl.SSLSocket old = (javax.net.ssl.SSLSocket) tls12.getSocketFactory()
                    .createSocket(InetAddress.getLoopbackAddress(), address.endpoint().port())) {
                old.setEnabledProtocols(new String[] {"TLSv1.2"});
                old.setSoTimeout(30_000);
                assertThatThrownBy(old::startHandshake).isInstanceOf(javax.net.ssl.SSLException.class);
            }
        }
    }

    @Test
    void aPeerThatNeverHandshakesIsClosedByTheServer() throws Exception {
        try (Listener listener = tls.listen("127.0.0.1:0", serverKey);
                Socket silent = new Socket(InetAddress.getLoopbackAddress(), TlsAddress.parse(listener.address()).endpoint().port())) {
            // Safety net only: the server's handshake timeout is what ends it.
            silent.setSoTimeout((int) TlsTransport.SERVER_HANDSHAKE_TIMEOUT.multipliedBy(3).toMillis());
            int first;
            try {
                first = silent.getInputStream().read();
            } catch (java.net.SocketException reset) {
                first = -1;
            }
            assertThat(first).as("the server hung up on a peer that never handshook").isEqualTo(-1);
        }
    }

    @Test
    void aTlsDialToAPlaintextServerSaysSoInOneLine() throws Exception {
        try (Listener plain = tcp.listen("127.0.0.1:0")) {
            CompletableFuture.runAsync(() -> {
                try (Connection c = plain.accept()) {
                    c.output().write("ERROR not an AUTH line\n".getBytes(StandardCharsets.US_ASCII));
                    c.output().flush();
                } catch (IOException ignored) {
                    // the test is about the client
                }
            });
            String address = "tls://" + plain.address() + "/" + serverKey.pin();
            assertThatThrownBy(() -> tls.dial(address, DIAL))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("TLS handshake with " + address + " failed: ")
                    .hasMessageEndingWith("(is it serving plaintext tcp:// instead?)")
                    .hasMessageNotContaining("\n");
        }
    }

    @Test
    void anAddressWithoutAPinIsNotDialed() {
        assertThatThrownBy(() -> tls.dial("tls://127.0.0.1:1", DIAL))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("the server's key pin is missing");
    }

    @Test
    void ipv6LoopbackWithBracketedAddresses() throws Exception {
        try (Listener listener = tls.listen("tls://[::1]:0", serverKey)) {
            assertThat(listener.address()).matches("tls://\\[0:0:0:0:0:0:0:1\\]:\\d+/" + serverKey.pin());
            CompletableFuture<String> served = CompletableFuture.supplyAsync(() -> {
                try (Connection c = listener.accept()) {
                    return new String(c.input().readAllBytes(), StandardCharsets.US_ASCII) + " via " + c.description();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            try (Connection c = tls.dial(listener.address(), DIAL)) {
                c.output().write("VERSION 1\n".getBytes(StandardCharsets.US_ASCII));
                c.shutdownOutput();
                assertThat(c.description()).startsWith("tls [");
            }
            assertThat(served.get(30, TimeUnit.SECONDS)).startsWith("VERSION 1\n via tls [");
        }
    }

    @Test
    void aListenAddressCarriesNoPin() {
        assertThatThrownBy(() -> tls.listen("tls://127.0.0.1:0/" + serverKey.pin(), serverKey))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("only clients give a pin");
    }

    /** For the TLS 1.2 client only: the test is about the protocol version, not the key. */
    private static final class TrustingAnyKey extends javax.net.ssl.X509ExtendedTrustManager {
        @Override
        public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String authType, javax.net.ssl.SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String authType, javax.net.ssl.SSLEngine engine) {
        }

        @Override
        public java.security.cert.X509Certificate[] getAcceptedIssuers() {
            return new java.security.cert.X509Certificate[0];
        }
    }

    /** Sends {@code bytes} over a plain socket, half-closes, and returns all the server sends until it closes. */
    private static byte[] rawExchange(int port, byte[] bytes) throws IOException {
        try (Socket raw = new Socket(InetAddress.getLoopbackAddress(), port)) {
            raw.setSoTimeout(30_000);
            raw.getOutputStream().write(bytes);
            raw.getOutputStream().flush();
            raw.shutdownOutput();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            InputStream in = raw.getInputStream();
            try {
                in.transferTo(got);
            } catch (java.net.SocketException reset) {
                // A reset after the alert is fine: the server hung up.
            }
            return got.toByteArray();
        }
    }
}
