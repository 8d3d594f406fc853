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

    @Test
    void everyTorOnionCodeHasItsOwnExplanation() {
        assertThat(IntStream.rangeClosed(0xF0, 0xF7).mapToObj(SocksReply::explain).distinct().count()).isEqualTo(8);
        assertThat(SocksReply.explain(0xF6)).contains("invalid onion address");
        assertThat(SocksReply.explain(0x04)).contains("not found");
        assertThat(SocksReply.explain(0x99)).contains("0x99");
    }
}
