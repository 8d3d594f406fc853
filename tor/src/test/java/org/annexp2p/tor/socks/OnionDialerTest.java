package org.annexp2p.tor.socks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.stream.IntStream;
import org.annexp2p.tor.onion.OnionAddressException;
import org.junit.jupiter.api.Test;

class OnionDialerTest {

    static final String ONION = "lwkwvuvzt4g2gwkcom6wccjbqxzx427f66gog54tftaw2dp5oqmt6jqd.onion";

    @Test
    void acceptsOnionPortAndTorAnnexForms() {
        assertThat(OnionDialer.parse(ONION + ":80")).isEqualTo(new OnionDialer.HostPort(ONION, 80));
        assertThat(OnionDialer.parse("tor-annex::" + ONION + ":39140")).isEqualTo(new OnionDialer.HostPort(ONION, 39140));
    }

    @Test
    void refusesAnythingButAnOnionBeforeTouchingTheNetwork() {
        assertThatThrownBy(() -> OnionDialer.parse("example.com:80")).isInstanceOf(OnionAddressException.class);
        assertThatThrownBy(() -> OnionDialer.parse(ONION)).hasMessageContaining("lacks a port");
        assertThatThrownBy(() -> OnionDialer.parse(ONION + ":x")).hasMessageContaining("not a port number");
        assertThatThrownBy(() -> new OnionDialer(new InetSocketAddress("127.0.0.1", 9)).dial("abc.onion:80", Duration.ofSeconds(1)))
                .isInstanceOf(OnionAddressException.class);
    }

    @Test
    void aDeadSocksPortIsAClearError() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        OnionDialer d = new OnionDialer(new InetSocketAddress("127.0.0.1", port));
        assertThatThrownBy(() -> d.dial(ONION + ":80", Duration.ofSeconds(5))).isInstanceOf(SocksException.class)
                .hasMessageContaining("cannot use tor's SOCKS port 127.0.0.1:" + port).hasMessageContaining("is tor running");
    }

    /** A one-shot SOCKS5 server: records the client's bytes, answers CONNECT with {@code status}, then echoes. */
    static final class FakeSocks implements AutoCloseable {
        final ServerSocket server = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
        final java.util.concurrent.CompletableFuture<byte[]> greetingAndRequest = new java.util.concurrent.CompletableFuture<>();

        FakeSocks(int status) throws java.io.IOException {
            Thread t = new Thread(() -> {
                try (java.net.Socket s = server.accept()) {
                    java.io.DataInputStream in = new java.io.DataInputStream(s.getInputStream());
                    java.io.OutputStream out = s.getOutputStream();
                    byte[] greeting = new byte[3];
                    in.readFully(greeting);
                    out.write(new byte[] {5, 0});
                    byte[] head = new byte[5];
                    in.readFully(head);
                    byte[] rest = new byte[(head[4] & 0xff) + 2];
                    in.readFully(rest);
                    java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
                    all.write(greeting);
                    all.write(head);
                    all.write(rest);
                    greetingAndRequest.complete(all.toByteArray());
                    out.write(new byte[] {5, (byte) status, 0, 1, 0, 0, 0, 0, 0, 0});
                    out.flush();
                    if (status == 0) {
                        in.transferTo(out);
                    }
                } catch (java.io.IOException e) {
                    greetingAndRequest.completeExceptionally(e);
                }
            }, "fake-socks");
            t.setDaemon(true);
            t.start();
        }

        InetSocketAddress address() {
            return new InetSocketAddress("127.0.0.1", server.getLocalPort());
        }

        @Override
        public void close() throws java.io.IOException {
            server.close();
        }
    }

    @Test
    void speaksSocks5LikeGitAnnexNoAuthAndTheOnionAsADomainName() throws Exception {
        try (FakeSocks socks = new FakeSocks(0);
                org.annexp2p.transports.Connection c = new OnionDialer(socks.address()).dial(ONION + ":39140", Duration.ofSeconds(10))) {
            java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
            expected.write(new byte[] {5, 1, 0}); // version 5, one method: no authentication
            expected.write(new byte[] {5, 1, 0, 3, (byte) ONION.length()}); // CONNECT, ATYP=domain
            expected.write(ONION.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            expected.write(new byte[] {(byte) (39140 >> 8), (byte) (39140 & 0xff)});
            assertThat(socks.greetingAndRequest.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(expected.toByteArray());
            c.output().write("ok".getBytes());
            c.output().flush();
            assertThat(new String(c.input().readNBytes(2))).isEqualTo("ok");
        }
    }

    @Test
    void torsExtendedReplyCodesBecomeTheirExplanation() throws Exception {
        try (FakeSocks socks = new FakeSocks(0xF2)) {
            assertThatThrownBy(() -> new OnionDialer(socks.address()).dial(ONION + ":80", Duration.ofSeconds(10)))
                    .isInstanceOf(SocksException.class)
                    .hasMessage("tor could not reach " + ONION + ":80: " + SocksReply.explain(0xF2))
                    .extracting(e -> ((SocksException) e).replyCode()).isEqualTo(0xF2);
        }
    }

    @Test
    void everyTorOnionCodeHasItsOwnExplanation() {
        assertThat(IntStream.rangeClosed(0xF0, 0xF7).mapToObj(SocksReply::explain).distinct().count()).isEqualTo(8);
        assertThat(SocksReply.explain(0xF6)).contains("invalid onion address");
        assertThat(SocksReply.explain(0x04)).contains("not found");
        assertThat(SocksReply.explain(0x99)).contains("0x99");
    }
}
