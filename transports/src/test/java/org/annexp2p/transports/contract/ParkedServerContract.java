package org.annexp2p.transports.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.annexp2p.transports.Admission;
import org.annexp2p.transports.Connection;
import org.annexp2p.transports.ConnectionServer;
import org.annexp2p.transports.Parked;
import org.annexp2p.transports.ServerOptions;
import org.junit.jupiter.api.Test;

/**
 * {@link ConnectionServerContract} for transports that can tell when a connection is readable
 * ({@link Connection#whenReadable}): an authenticated peer that is idle is parked, holding its slot but no thread,
 * and served again as soon as it speaks. The toy protocol's echo parks before every line it waits for.
 */
public abstract class ParkedServerContract extends ConnectionServerContract {

    private final AtomicInteger abandoned = new AtomicInteger();

    private ConnectionServer startParking(ServerOptions options) {
        return ConnectionServer.start(fixture.listener(), this::serveParkingEcho, options, clock);
    }

    @Test
    void idlePeersHoldNoThreadAndAreServedWheneverTheySpeak() throws Exception {
        int peers = 50;
        try (ConnectionServer server = startParking(ServerOptions.of(peers, REFUSAL))) {
            List<Connection> idle = new ArrayList<>();
            for (int i = 0; i < peers; i++) {
                Connection peer = dial();
                assertThat(roundTrip(peer, "AUTH good")).isEqualTo("OK");
                idle.add(peer);
            }
            for (int round = 0; round < 3; round++) {
                awaitCondition(() -> server.parkedConnections() == peers && server.runningHandlers() == 0);
                assertThat(server.authenticatedConnections()).isEqualTo(peers);
                for (int i = 0; i < peers; i++) {
                    assertThat(roundTrip(idle.get(i), "round " + round + " peer " + i)).isEqualTo("round " + round + " peer " + i);
                }
            }
            assertTransfers(idle.get(0));
            // Two lines in one write: the second is already there when the first is answered, and is answered too.
            send(idle.get(1), "one\ntwo");
            assertThat(readLine(idle.get(1).input())).isEqualTo("one");
            assertThat(readLine(idle.get(1).input())).isEqualTo("two");
        }
    }

    /** More than the transport buffers in one write to a parked peer: it is woken before the writer waits for room. */
    @Test
    void aWriteLargerThanTheBufferWakesAParkedPeer() throws Exception {
        try (ConnectionServer server = startParking(ServerOptions.of(1, REFUSAL))) {
            Connection peer = dial();
            assertThat(roundTrip(peer, "AUTH good")).isEqualTo("OK");
            awaitCondition(() -> server.parkedConnections() == 1);
            String line = "y".repeat(1 << 20);
            assertThat(org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(30),
                    () -> roundTrip(peer, line))).isEqualTo(line);
        }
    }

    @Test
    void aPeerHangingUpWhileParkedFreesItsSlot() throws Exception {
        try (ConnectionServer server = startParking(ServerOptions.of(1, REFUSAL))) {
            Connection first = dial();
            assertThat(roundTrip(first, "AUTH good")).isEqualTo("OK");
            awaitCondition(() -> server.parkedConnections() == 1);
            first.close();
            awaitCondition(() -> server.activeConnections() == 0 && server.authenticatedConnections() == 0);
            assertThat(abandoned.get()).as("ended by its own hang-up, not abandoned").isZero();
            Connection second = dial();
            assertThat(roundTrip(second, "AUTH good")).as("the only slot is free again").isEqualTo("OK");
            assertThat(roundTrip(second, "hello")).isEqualTo("hello");
        }
    }

    @Test
    void closingTheServerReleasesParkedPeersWithoutWaitingForTheGrace() throws Exception {
        int peers = 5;
        ConnectionServer server = startParking(ServerOptions.of(peers, REFUSAL).withShutdownGrace(Duration.ofHours(1)));
        List<Connection> idle = new ArrayList<>();
        for (int i = 0; i < peers; i++) {
            Connection peer = dial();
            assertThat(roundTrip(peer, "AUTH good")).isEqualTo("OK");
            idle.add(peer);
        }
        awaitCondition(() -> server.parkedConnections() == peers);
        Thread closer = new Thread(server::close, "closer");
        closer.start();
        closer.join(TimeUnit.SECONDS.toMillis(60));
        assertThat(closer.isAlive()).as("close did not wait for parked peers").isFalse();
        assertThat(abandoned.get()).as("every parked handler released what it held").isEqualTo(peers);
        assertThat(server.activeConnections()).isZero();
        for (Connection peer : idle) {
            assertThat(readAll(peer)).isEmpty();
        }
    }

    // --- the toy protocol, parking while idle ---

    private void serveParkingEcho(Connection c, Admission admission) throws IOException {
        for (String line; (line = readLine(c.input())) != null; ) {
            if (line.equals("AUTH good")) {
                if (admission.authenticated()) {
                    send(c, "OK");
                    ParkingEcho echo = new ParkingEcho(c, admission);
                    if (!admission.park(echo)) {
                        echo.resume();
                    }
                }
                return;
            }
            admission.authenticationFailed();
            send(c, "NO");
        }
    }

    /** Echoes lines; before each, with nothing read ahead (it reads byte by byte), it asks to be parked. */
    private final class ParkingEcho implements Parked {
        private final Connection connection;
        private final Admission admission;

        ParkingEcho(Connection connection, Admission admission) {
            this.connection = connection;
            this.admission = admission;
        }

        /** Answers the line that woke it, and every line after it until it is parked again. */
        @Override
        public void resume() throws IOException {
            InputStream in = connection.input();
            do {
                String line = readLine(in);
                if (line == null) {
                    return;
                }
                connection.output().write((line + "\n").getBytes(StandardCharsets.UTF_8));
                connection.output().flush();
            } while (!admission.park(this));
        }

        @Override
        public void abandon() {
            abandoned.incrementAndGet();
        }
    }
}
