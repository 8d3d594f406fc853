package org.annexp2p.session.plugin.onion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.annexp2p.session.plugin.DialNotice;
import org.annexp2p.tor.onion.TorAnnexAddress;
import org.annexp2p.tor.socks.OnionDialer;
import org.annexp2p.transports.Dialer;
import org.annexp2p.transports.memory.MemoryNetwork;
import org.junit.jupiter.api.Test;

/**
 * Dialing an onion retries while tor may yet reach it (a restarted service's new descriptor), but not when tor
 * itself is not there: `git ls-remote tor-annex::...` with no tor running once waited 119 s for nothing.
 */
class OnionRetryTest {
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
        List<DialNotice> told = new ArrayList<>();
        assertThatThrownBy(() -> OnionRetry.dial(counting, ONION, OnionRetry.CONNECT_TIMEOUT, false, told::add))
                .hasMessageContaining("is tor running");
        assertThat(attempts).hasValue(1);
        assertThat(told).isEmpty();
    }

    @Test
    void anOnionNotYetReachableIsRetriedAndTheFirstFailureIsTold() throws Exception {
        MemoryNetwork network = new MemoryNetwork();
        AtomicInteger attempts = new AtomicInteger();
        Dialer unreachableOnce = (address, timeout) -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IOException("onion not reachable yet");
            }
            return network.dial("onion", timeout);
        };
        List<DialNotice> told = new ArrayList<>();
        try (var listener = network.listen("onion")) {
            OnionRetry.dial(unreachableOnce, ONION, Duration.ofSeconds(60), false, told::add).close();
        }
        assertThat(attempts).hasValue(2);
        assertThat(told).singleElement().isInstanceOfSatisfying(DialNotice.RetryingOnion.class,
                r -> assertThat(r.failure()).hasMessage("onion not reachable yet"));
    }
}
