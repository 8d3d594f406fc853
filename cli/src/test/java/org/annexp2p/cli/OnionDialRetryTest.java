package org.annexp2p.cli;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.atomic.AtomicInteger;
import org.annexp2p.tor.onion.TorAnnexAddress;
import org.annexp2p.tor.socks.OnionDialer;
import org.annexp2p.transports.Dialer;
import org.junit.jupiter.api.Test;

/**
 * Dialing an onion retries while tor may yet reach it (a restarted service's new descriptor), but not when tor
 * itself is not there: `git ls-remote tor-annex::...` with no tor running once waited 119 s for nothing.
 */
class OnionDialRetryTest {
    static final TorAnnexAddress ONION =
            TorAnnexAddress.parse("tor-annex::lwkwvuvzt4g2gwkcom6wccjbqxzx427f66gog54tftaw2dp5oqmt6jqd.onion:4242");

    @Test
    void aSocksPortThatRefusesFailsOnTheFirstAttempt() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        OnionDialer tor = new OnionDialer(new InetSocketAddress("127.0.0.1", closed));
        AtomicInteger attempts = new AtomicInteger();
        Dialer counting = (address, timeout) -> {
            attempts.incrementAndGet();
            return tor.dial(address, timeout);
        };
        assertThatThrownBy(() -> ClientSession.dialOnion(counting, ONION, false))
                .hasMessageContaining("is tor running");
        assertThat(attempts).hasValue(1);
    }
}
