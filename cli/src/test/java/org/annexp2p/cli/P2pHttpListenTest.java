package org.annexp2p.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.annexp2p.http.server.P2pHttpServer;
import org.junit.jupiter.api.Test;

/**
 * git annex p2phttp listens on every address even over plain HTTP; ours does that only with HTTPS (or when --bind
 * says so, with a warning), so a plain server is not on the network by accident.
 */
class P2pHttpListenTest {
    @Test
    void plainHttpListensOnLoopbackUnlessBindSaysOtherwise() {
        assertThat(P2pHttpCommand.listenAddress(null, false)).isEqualTo("127.0.0.1");
        assertThat(P2pHttpCommand.isLoopback(P2pHttpCommand.listenAddress(null, false))).isTrue();
        assertThat(P2pHttpCommand.listenAddress("0.0.0.0", false)).isEqualTo("0.0.0.0");
    }

    @Test
    void httpsListensEverywhereAsUpstreamDoes() {
        assertThat(P2pHttpCommand.listenAddress(null, true)).isEqualTo(P2pHttpServer.ALL);
    }

    @Test
    void onlyLoopbackAddressesCountAsLoopback() {
        assertThat(P2pHttpCommand.isLoopback("::1")).isTrue();
        assertThat(P2pHttpCommand.isLoopback("0.0.0.0")).isFalse();
        assertThat(P2pHttpCommand.isLoopback(P2pHttpServer.ALL)).isFalse();
        assertThat(P2pHttpCommand.isLoopback("192.0.2.7")).isFalse();
    }
}
