package org.annexp2p.transports.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.annexp2p.transports.Connection;
import org.annexp2p.transports.ConnectionServer;
import org.annexp2p.transports.FailureBackoff;
import org.annexp2p.transports.PreAuthLimits;
import org.annexp2p.transports.ServerOptions;
import org.annexp2p.transports.contract.ParkedServerContract;
import org.annexp2p.transports.contract.TransportContract.Fixture;
import org.junit.jupiter.api.Test;

/**
 * The server contract in memory, plus what needs peers at different addresses (loopback, the only address other
 * transports can use in tests, is not limited per address): the memory network lets a dial say where it is from.
 */
class MemoryConnectionServerContractTest extends ParkedServerContract {

    private static final Duration DIAL = Duration.ofSeconds(10);

    private final MemoryNetwork network = new MemoryNetwork();

    @Override
    protected Fixture openFixture() throws Exception {
        var listener = network.listen("server");
        return Fixture.of(listener, network.dialer(), "server", "nobody-home", listener::close);
    }

    private Connection dialFrom(String address) throws Exception {
        return network.dialFrom(InetAddress.getByName(address), "server", DIAL);
    }

    /** One address floods; it fills only its own share, and a peer elsewhere authenticates at once. */
    @Test
    void aFloodFromOneAddressLeavesRoomForOthers() throws Exception {
        ServerOptions options = ServerOptions.of(2, REFUSAL).withPreAuth(PreAuthLimits.of(16));
        try (ConnectionServer server = start(options)) {
            List<Connection> flood = new ArrayList<>();
            for (int i = 0; i < 58; i++) {
                flood.add(dialFrom("203.0.113.9"));
            }
            awaitCondition(() -> server.refusedConnections() == 50);
            assertThat(server.unauthenticatedConnections()).isEqualTo(PreAuthLimits.DEFAULT_MAX_PER_ADDRESS);
            for (Connection c : flood.subList(8, 58)) {
                // Closed once read: a refusal lingers until its peer hangs up, and this clock never ends a linger.
                try (c) {
                    assertThat(readAll(c)).isEqualTo(REFUSAL);
                }
            }
            try (Connection peer = dialFrom("198.51.100.7")) {
                assertThat(roundTrip(peer, "AUTH good")).isEqualTo("OK");
                assertTransfers(peer);
            }
            // An IPv6 host has a whole /64: its addresses count as one.
            List<Connection> v6 = new ArrayList<>();
            for (int i = 1; i <= 10; i++) {
                v6.add(dialFrom("2001:db8:5:7::" + Integer.toHexString(i)));
            }
            awaitCondition(() -> server.refusedConnections() == 52);
            assertThat(server.unauthenticatedConnections()).isEqualTo(16);
            flood.forEach(Connection::close);
            v6.forEach(Connection::close);
        }
    }

    /**
     * Wrong tokens from one address: the first five are answered at once, the sixth only after a second, the
     * seventh after two; another address's failure meanwhile is answered at once.
     */
    @Test
    void repeatedFailuresFromOneAddressAreSlowedAndAnotherAddressIsNot() throws Exception {
        try (ConnectionServer server = start(ServerOptions.of(4, REFUSAL))) {
            for (int i = 0; i < FailureBackoff.DEFAULT.freePerAddress(); i++) {
                try (Connection c = dialFrom("203.0.113.9")) {
                    assertThat(roundTrip(c, "AUTH wrong" + i)).as("free failure %d", i).isEqualTo("NO");
                }
            }
            try (Connection sixth = dialFrom("203.0.113.9"); Connection seventh = dialFrom("203.0.113.9")) {
                send(sixth, "AUTH wrong");
                clock.awaitWaiting(w -> w.contains(Duration.ofSeconds(1)));
                assertThat(sixth.input().available()).as("no answer while the delay runs").isZero();

                try (Connection elsewhere = dialFrom("198.51.100.7")) {
                    assertThat(roundTrip(elsewhere, "AUTH wrong")).as("another address is not slowed").isEqualTo("NO");
                }

                send(seventh, "AUTH wrong");
                clock.awaitWaiting(w -> w.contains(Duration.ofSeconds(2)));
                clock.advance(Duration.ofSeconds(1));
                assertThat(readLine(sixth.input())).isEqualTo("NO");
                assertThat(seventh.input().available()).isZero();
                clock.advance(Duration.ofSeconds(1));
                assertThat(readLine(seventh.input())).isEqualTo("NO");
            }
        }
    }

    /**
     * One connection trying token after token is slowed from its second failure, whatever its address (here it
     * has none); the deadline still closes it, cutting a delay short.
     */
    @Test
    void aConnectionTryingManyTokensIsSlowedEvenWithoutAnAddress() throws Exception {
        try (ConnectionServer server = start(ServerOptions.of(4, REFUSAL))) {
            Connection guesser = dial();
            assertThat(roundTrip(guesser, "AUTH guess1")).isEqualTo("NO");
            Duration elapsed = Duration.ZERO;
            for (Duration delay = Duration.ofSeconds(1); delay.compareTo(Duration.ofSeconds(8)) <= 0; delay = delay.multipliedBy(2)) {
                send(guesser, "AUTH guess");
                Duration expected = delay;
                clock.awaitWaiting(w -> w.contains(expected));
                assertThat(guesser.input().available()).as("no answer during the %s delay", delay).isZero();
                clock.advance(delay);
                elapsed = elapsed.plus(delay);
                assertThat(readLine(guesser.input())).isEqualTo("NO");
            }
            // 15 s gone; the next delay (16 s) would end after the deadline, which closes the connection first.
            send(guesser, "AUTH guess");
            clock.awaitWaiting(w -> w.contains(Duration.ofSeconds(16)));
            clock.advance(DEADLINE.minus(elapsed));
            assertThat(readAll(guesser)).isEmpty();
            assertThat(server.expiredConnections()).isEqualTo(1);
            awaitCondition(() -> server.unauthenticatedConnections() == 0);
        }
    }
}
