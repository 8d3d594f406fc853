package org.annexp2p.session.plugin.onion;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.annexp2p.session.plugin.DialNotice;
import org.annexp2p.tor.onion.TorAnnexAddress;
import org.annexp2p.transports.Dialer;
import org.annexp2p.transports.memory.MemoryNetwork;
import org.junit.jupiter.api.Test;

/**
 * Dialing an onion tells the user it is waiting, once (every time when verbose); when to retry is the tor module's
 * (PatientOnionDialer), and its tests say when it gives up at once.
 */
class OnionRetryTest {
    static final TorAnnexAddress ONION =
            TorAnnexAddress.parse("tor-annex::lwkwvuvzt4g2gwkcom6wccjbqxzx427f66gog54tftaw2dp5oqmt6jqd.onion:4242");

    // A tor that is not there fails at once: PatientOnionDialerTest (tor) checks it; here, only what is told.

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
