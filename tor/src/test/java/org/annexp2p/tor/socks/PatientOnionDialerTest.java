package org.annexp2p.tor.socks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.annexp2p.transports.Connection;
import org.annexp2p.transports.Dialer;
import org.junit.jupiter.api.Test;

/**
 * Dialing an onion retries while tor may yet reach it (a restarted service's new descriptor), but not when tor
 * itself is not there: `git ls-remote tor-annex::...` with no tor running once waited 119 s for nothing.
 */
class PatientOnionDialerTest {
    static final String ONION = "tor-annex::lwkwvuvzt4g2gwkcom6wccjbqxzx427f66gog54tftaw2dp5oqmt6jqd.onion:4242";

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
        List<Integer> told = new ArrayList<>();
        assertThatThrownBy(() -> new PatientOnionDialer(counting, (e, attempt, left) -> told.add(attempt))
                .dial(ONION, PatientOnionDialer.DEFAULT_BOUND))
                .hasMessageContaining("is tor running");
        assertThat(attempts).hasValue(1);
        assertThat(told).isEmpty();
    }

    static Connection reached(String name) {
        return new Connection() {
            @Override
            public java.io.InputStream input() {
                return java.io.InputStream.nullInputStream();
            }

            @Override
            public java.io.OutputStream output() {
                return java.io.OutputStream.nullOutputStream();
            }

            @Override
            public void shutdownOutput() {
            }

            @Override
            public String description() {
                return name;
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void anOnionTorCannotReachYetIsTriedAgainAndEachRetryIsTold() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        Connection reached = reached("reached");
        Dialer twiceUnreachable = (address, timeout) -> {
            if (attempts.incrementAndGet() <= 2) {
                throw new SocksException(4, "tor could not reach it: host unreachable");
            }
            return reached;
        };
        List<Integer> told = new ArrayList<>();
        Connection c = new PatientOnionDialer(twiceUnreachable, (e, attempt, left) -> told.add(attempt))
                .dial(ONION, Duration.ofSeconds(60));
        assertThat(c).isSameAs(reached);
        assertThat(attempts).hasValue(3);
        assertThat(told).containsExactly(1, 2);
    }

    /**
     * Tor holds a request made as the service died for minutes; a second attempt alongside, on fresh circuits,
     * gets through, and the silent one is abandoned.
     */
    @Test
    void anAttemptThatStaysSilentGetsASecondOneAlongsideAndTheFirstToConnectWins() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        java.util.concurrent.CountDownLatch abandoned = new java.util.concurrent.CountDownLatch(1);
        Connection second = reached("second");
        Dialer firstHangs = (address, timeout) -> {
            if (attempts.incrementAndGet() == 1) {
                try {
                    Thread.sleep(timeout.toMillis());
                } catch (InterruptedException e) {
                    abandoned.countDown();
                    throw new java.io.InterruptedIOException("abandoned");
                }
                throw new SocksException(-1, "timed out");
            }
            return second;
        };
        Connection c = new PatientOnionDialer(firstHangs, (e, failures, left) -> { }, PatientOnionDialer.Refetch.NONE, Duration.ofSeconds(60),
                Duration.ofMillis(200), Duration.ofMillis(10)).dial(ONION, Duration.ofSeconds(120));
        assertThat(c).isSameAs(second);
        assertThat(attempts).hasValue(2);
        assertThat(abandoned.await(30, java.util.concurrent.TimeUnit.SECONDS)).as("the silent attempt was abandoned").isTrue();
    }

    @Test
    void whenTheBoundRunsOutTheLastFailureIsReported() {
        AtomicInteger attempts = new AtomicInteger();
        Dialer neverReaches = (address, timeout) -> {
            attempts.incrementAndGet();
            throw new SocksException(0xF2, "introduction failed " + attempts.get());
        };
        assertThatThrownBy(() -> new PatientOnionDialer(neverReaches, (e, failures, left) -> { }, PatientOnionDialer.Refetch.NONE, Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofMillis(100)).dial(ONION, Duration.ofMillis(1500)))
                .isInstanceOf(SocksException.class).hasMessage("introduction failed " + attempts.get());
        assertThat(attempts.get()).isGreaterThanOrEqualTo(1);
    }

    /**
     * A descriptor of the service's previous run keeps every attempt on introduction points that accept and never
     * answer (seen on the private Tor network: 146 s until the descriptor's period ended): so every attempt after
     * the first asks tor to fetch the descriptor again, naming the service by its id.
     */
    @Test
    void everyAttemptAfterTheFirstAsksTorToFetchTheDescriptorAgain() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        Connection reached = reached("reached");
        Dialer thirdReaches = (address, timeout) -> {
            if (attempts.incrementAndGet() <= 2) {
                throw new SocksException(0xF2, "introduction failed");
            }
            return reached;
        };
        List<String> refetched = new java.util.concurrent.CopyOnWriteArrayList<>();
        Connection c = new PatientOnionDialer(thirdReaches, (e, failures, left) -> { }, refetched::add,
                Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofMillis(10)).dial(ONION, Duration.ofSeconds(60));
        assertThat(c).isSameAs(reached);
        assertThat(refetched).containsExactly("lwkwvuvzt4g2gwkcom6wccjbqxzx427f66gog54tftaw2dp5oqmt6jqd",
                "lwkwvuvzt4g2gwkcom6wccjbqxzx427f66gog54tftaw2dp5oqmt6jqd");
    }
}
