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

    /**
     * A SOCKS5 server that, like tor, prefers username/password when offered: records each client's bytes,
     * answers CONNECT with {@code status}, then echoes.
     */
    static final class FakeSocks implements AutoCloseable {
        final ServerSocket server = new ServerSocket(0, 4, java.net.InetAddress.getLoopbackAddress());
        final java.util.concurrent.BlockingQueue<byte[]> requests = new java.util.concurrent.LinkedBlockingQueue<>();

        FakeSocks(int status) throws java.io.IOException {
            Thread t = new Thread(() -> {
                while (!server.isClosed()) {
                    try (java.net.Socket s = server.accept()) {
                        serve(s, status);
                    } catch (java.io.IOException e) {
                        // closed, or a client that went away
                    }
                }
            }, "fake-socks");
            t.setDaemon(true);
            t.start();
        }

        private void serve(java.net.Socket s, int status) throws java.io.IOException {
            java.io.DataInputStream in = new java.io.DataInputStream(s.getInputStream());
            java.io.OutputStream out = s.getOutputStream();
            java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
            byte[] head = new byte[2];
            in.readFully(head);
            byte[] methods = new byte[head[1]];
            in.readFully(methods);
            all.write(head);
            all.write(methods);
            boolean password = new String(methods, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf(2) >= 0;
            out.write(new byte[] {5, (byte) (password ? 2 : 0)});
            if (password) {
                byte[] auth = new byte[2];
                in.readFully(auth);
                byte[] user = new byte[auth[1] & 0xff];
                in.readFully(user);
                byte[] pass = new byte[in.readUnsignedByte()];
                in.readFully(pass);
                all.write(auth);
                all.write(user);
                all.write(pass.length);
                all.write(pass);
                out.write(new byte[] {1, 0});
            }
            byte[] request = new byte[5];
            in.readFully(request);
            byte[] rest = new byte[(request[4] & 0xff) + 2];
            in.readFully(rest);
            all.write(request);
            all.write(rest);
            requests.add(all.toByteArray());
            out.write(new byte[] {5, (byte) status, 0, 1, 0, 0, 0, 0, 0, 0});
            out.flush();
            if (status == 0) {
                in.transferTo(out);
            }
        }

        byte[] nextRequest() throws InterruptedException {
            byte[] r = requests.poll(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(r).as("a SOCKS request within 10 s").isNotNull();
            return r;
        }

        InetSocketAddress address() {
            return new InetSocketAddress("127.0.0.1", server.getLocalPort());
        }

        @Override
        public void close() throws java.io.IOException {
            server.close();
        }
    }

    /** What tor reads from us, byte for byte, when we offer {@code user}. */
    static byte[] expectedRequest(String user, int port) throws java.io.IOException {
        java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
        expected.write(new byte[] {5, 2, 0, 2}); // version 5, two methods: none, username/password
        expected.write(new byte[] {1, (byte) user.length()});
        expected.write(user.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        expected.write(new byte[] {1, '-'});
        expected.write(new byte[] {5, 1, 0, 3, (byte) ONION.length()}); // CONNECT, ATYP=domain
        expected.write(ONION.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        expected.write(new byte[] {(byte) (port >> 8), (byte) (port & 0xff)});
        return expected.toByteArray();
    }

    /** The onion goes to tor by name; each dial offers its own username, so tor never reuses another dial's circuits. */
    @Test
    void speaksSocks5WithTheOnionAsADomainNameAndAFreshIsolationTokenPerDial() throws Exception {
        java.util.Set<String> users = new java.util.HashSet<>();
        try (FakeSocks socks = new FakeSocks(0)) {
            for (int i = 0; i < 2; i++) {
                try (org.annexp2p.transports.Connection c = new OnionDialer(socks.address()).dial(ONION + ":39140",
                        Duration.ofSeconds(10))) {
                    byte[] got = socks.nextRequest();
                    String user = new String(got, 6, got[5] & 0xff, java.nio.charset.StandardCharsets.US_ASCII);
                    assertThat(user).matches("annex-p2p-[0-9a-f]{32}");
                    assertThat(got).isEqualTo(expectedRequest(user, 39140));
                    users.add(user);
                    c.output().write("ok".getBytes());
                    c.output().flush();
                    assertThat(new String(c.input().readNBytes(2))).isEqualTo("ok");
                }
            }
        }
        assertThat(users).hasSize(2);
    }

    /** A connection's event loop is its own: it ends when the connection closes, or when its dial fails. */
    @Test
    void eachConnectionsLoopEndsWithIt() throws Exception {
        java.util.List<io.netty.channel.EventLoopGroup> made = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.function.Supplier<io.netty.channel.EventLoopGroup> loops = () -> {
            io.netty.channel.EventLoopGroup loop = new io.netty.channel.nio.NioEventLoopGroup(1);
            made.add(loop);
            return loop;
        };
        try (FakeSocks socks = new FakeSocks(0)) {
            org.annexp2p.transports.Connection c = new OnionDialer(socks::address, loops).dial(ONION + ":39140", Duration.ofSeconds(10));
            socks.nextRequest();
            c.output().write("ok".getBytes());
            c.output().flush();
            assertThat(new String(c.input().readNBytes(2))).isEqualTo("ok");
            assertThat(made).hasSize(1);
            assertThat(made.get(0).isShuttingDown()).as("open connection's loop").isFalse();
            c.close();
            assertThat(made.get(0).awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS)).as("closed connection's loop ended").isTrue();
        }
        try (FakeSocks refusing = new FakeSocks(0xF2)) {
            assertThatThrownBy(() -> new OnionDialer(refusing::address, loops).dial(ONION + ":80", Duration.ofSeconds(10)))
                    .isInstanceOf(SocksException.class);
            assertThat(made).hasSize(2);
            assertThat(made.get(1).awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS)).as("failed dial's loop ended").isTrue();
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
