package org.annexp2p.transports.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.annexp2p.transports.Admission;
import org.annexp2p.transports.Connection;
import org.annexp2p.transports.ConnectionHandler;
import org.annexp2p.transports.ConnectionServer;
import org.annexp2p.transports.PreAuthLimits;
import org.annexp2p.transports.ServerOptions;
import org.annexp2p.transports.contract.TransportContract.Fixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * How a {@link ConnectionServer} treats peers that do not authenticate, written once and run over every
 * transport (extend it as {@link TransportContract} is extended): floods of silent peers, peers that trickle a
 * byte at a time, authenticated peers served through it all. Time is a {@link ManualClock}: a test passes the
 * deadline by advancing it, never by waiting.
 *
 * <p>The handler speaks a toy protocol standing for the P2P one: {@code AUTH good} authenticates (answered
 * {@code OK}, then every line is echoed), any other line is a failed authentication (answered {@code NO}).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public abstract class ConnectionServerContract {

    protected static final String REFUSAL = "ERROR too many connections\n";
    protected static final Duration DEADLINE = PreAuthLimits.DEFAULT_DEADLINE;
    private static final Duration DIAL = Duration.ofSeconds(10);

    /** The toy protocol's server side. */
    protected static final ConnectionHandler TOY_AUTH = ConnectionServerContract::serveToyAuth;

    /** A fresh, listening transport; called once per test (the server it is given to closes its listener). */
    protected abstract Fixture openFixture() throws Exception;

    protected Fixture fixture;
    protected final ManualClock clock = new ManualClock();
    private final List<Connection> opened = new ArrayList<>();

    @BeforeEach
    final void openTransport() throws Exception {
        fixture = openFixture();
    }

    @AfterEach
    final void closeTransport() throws Exception {
        opened.forEach(Connection::close);
        fixture.close();
    }

    protected ConnectionServer start(ServerOptions options) {
        return ConnectionServer.start(fixture.listener(), TOY_AUTH, options, clock);
    }

    protected Connection dial() throws IOException {
        Connection c = fixture.dialer().dial(fixture.address(), DIAL);
        opened.add(c);
        return c;
    }

    /**
     * A peer that connects and never says anything, for floods whose connections are not read. By default a dial;
     * where dialing waits for the server (a TLS handshake), a transport opens something that does not.
     */
    protected AutoCloseable silentPeer() throws Exception {
        return dial();
    }

    /**
     * The regression of issue 15: silent connections once held every slot for as long as they stayed. Now those
     * over the pre-authentication cap are refused at once, the rest are closed at the deadline, and a peer that
     * authenticates afterwards is served.
     */
    @Test
    void silentConnectionsOverTheCapAreRefusedAndTheRestClosedAtTheDeadline() throws Exception {
        int max = 4;
        try (ConnectionServer server = start(ServerOptions.of(max, REFUSAL))) {
            List<Connection> silent = new ArrayList<>();
            for (int i = 0; i < max; i++) {
                silent.add(dial());
            }
            awaitCondition(() -> server.unauthenticatedConnections() == max);
            for (int i = 0; i < 50; i++) {
                try (Connection extra = dial()) {
                    assertThat(readAll(extra)).as("connection %d over the pre-authentication cap", i).isEqualTo(REFUSAL);
                }
            }
            assertThat(server.refusedConnections()).isEqualTo(50);
            assertThat(server.expiredConnections()).isZero();

            clock.advance(DEADLINE.minusNanos(1));
            assertThat(server.expiredConnections()).as("just before the deadline").isZero();
            clock.advance(Duration.ofNanos(1));
            for (Connection c : silent) {
                assertThat(readAll(c)).as("a silent connection after the deadline: closed, nothing said").isEmpty();
            }
            assertThat(server.expiredConnections()).isEqualTo(max);
            awaitCondition(() -> server.unauthenticatedConnections() == 0);

            try (Connection peer = dial()) {
                assertThat(roundTrip(peer, "AUTH good")).isEqualTo("OK");
                assertTransfers(peer);
            }
        }
    }

    /**
     * Authenticated slots are not the unauthenticated ones: with every authenticated slot but one free and the
     * pre-authentication pool busy with silent peers, a peer that is already authenticating is admitted.
     */
    @Test
    void silentConnectionsNeverHoldAnAuthenticatedSlot() throws Exception {
        ServerOptions options = ServerOptions.of(1, REFUSAL).withPreAuth(PreAuthLimits.of(4));
        try (ConnectionServer server = start(options)) {
            for (int i = 0; i < 3; i++) {
                dial();
            }
            awaitCondition(() -> server.unauthenticatedConnections() == 3);
            try (Connection peer = dial()) {
                assertThat(roundTrip(peer, "AUTH good")).as("the one authenticated slot is free").isEqualTo("OK");
                assertTransfers(peer);
                assertThat(server.authenticatedConnections()).isEqualTo(1);
                assertThat(server.unauthenticatedConnections()).isEqualTo(3);
            }
        }
    }

    /** A byte a second does not extend the deadline: it runs from the connection's arrival. */
    @Test
    void aTricklerIsClosedAtTheDeadlineThoughItKeepsSending() throws Exception {
        try (ConnectionServer server = start(ServerOptions.of(4, REFUSAL))) {
            Connection trickler = dial();
            awaitCondition(() -> server.unauthenticatedConnections() == 1);
            long seconds = DEADLINE.toSeconds();
            for (long i = 0; i < seconds - 1; i++) {
                trickler.output().write('A');
                trickler.output().flush();
                clock.advance(Duration.ofSeconds(1));
            }
            trickler.output().write('A');
            trickler.output().flush();
            assertThat(server.expiredConnections()).as("one second before the deadline").isZero();
            assertThat(server.unauthenticatedConnections()).isEqualTo(1);
            clock.advance(Duration.ofSeconds(1));
            assertThat(readAll(trickler)).as("the trickler after the deadline: closed").isEmpty();
            assertThat(server.expiredConnections()).isEqualTo(1);
            awaitCondition(() -> server.unauthenticatedConnections() == 0);
        }
    }

    /** A flood of peers that never authenticate arrives and stays; an authenticated peer is served throughout. */
    @Test
    void authenticatedPeersAreServedThroughAFloodOfUnauthenticatedOnes() throws Exception {
        int max = 2;
        try (ConnectionServer server = start(ServerOptions.of(max, REFUSAL))) {
            Connection first = dial();
            assertThat(roundTrip(first, "AUTH good")).isEqualTo("OK");
            List<AutoCloseable> flood = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                flood.add(silentPeer());
                if (i % 10 == 0) {
                    assertThat(roundTrip(first, "still here " + i)).isEqualTo("still here " + i);
                }
            }
            awaitCondition(() -> server.refusedConnections() == 60 - max);
            assertThat(server.unauthenticatedConnections()).isEqualTo(max);
            assertThat(server.authenticatedConnections()).isEqualTo(1);
            assertTransfers(first);

            // The deadline clears the flood; the authenticated peer is not subject to it.
            clock.advance(DEADLINE.multipliedBy(2));
            awaitCondition(() -> server.unauthenticatedConnections() == 0);
            assertTransfers(first);
            try (Connection second = dial()) {
                assertThat(roundTrip(second, "AUTH good")).isEqualTo("OK");
                assertTransfers(second);
            }
            first.close();
            for (AutoCloseable peer : flood) {
                peer.close();
            }
        }
    }

    /** Authenticating while every authenticated slot is taken gets the refusal instead of OK. */
    @Test
    void aPeerAuthenticatingWhileEverySlotIsTakenIsRefused() throws Exception {
        try (ConnectionServer server = start(ServerOptions.of(1, REFUSAL))) {
            Connection first = dial();
            assertThat(roundTrip(first, "AUTH good")).isEqualTo("OK");
            try (Connection second = dial()) {
                send(second, "AUTH good");
                assertThat(readAll(second)).isEqualTo(REFUSAL);
            }
            assertThat(server.refusedConnections()).isEqualTo(1);
            assertTransfers(first);
            first.close();
            awaitCondition(() -> server.authenticatedConnections() == 0);
            try (Connection third = dial()) {
                assertThat(roundTrip(third, "AUTH good")).as("a freed slot admits again").isEqualTo("OK");
            }
        }
    }

    /** A wrong token is answered at once the first time, and the connection may try again until the deadline. */
    @Test
    void aFailedAuthenticationIsAnsweredAndTheDeadlineStillHolds() throws Exception {
        try (ConnectionServer server = start(ServerOptions.of(2, REFUSAL))) {
            Connection peer = dial();
            assertThat(roundTrip(peer, "AUTH wrong")).isEqualTo("NO");
            clock.advance(DEADLINE);
            assertThat(readAll(peer)).isEmpty();
            assertThat(server.expiredConnections()).isEqualTo(1);
        }
    }

    /** Shutting down closes connections still authenticating at once; authenticated ones get the grace. */
    @Test
    void shutdownClosesUnauthenticatedConnectionsAtOnce() throws Exception {
        ConnectionServer server = start(ServerOptions.of(2, REFUSAL).withShutdownGrace(Duration.ofSeconds(60)));
        Connection silent = dial();
        Connection authenticated = dial();
        assertThat(roundTrip(authenticated, "AUTH good")).isEqualTo("OK");
        awaitCondition(() -> server.unauthenticatedConnections() == 1);
        Thread closer = new Thread(server::close, "closer");
        closer.start();
        assertThat(readAll(silent)).isEmpty();
        assertThat(closer.isAlive()).as("close waits for the authenticated peer").isTrue();
        assertThat(roundTrip(authenticated, "last words")).isEqualTo("last words");
        authenticated.close();
        closer.join(TimeUnit.SECONDS.toMillis(60));
        assertThat(closer.isAlive()).isFalse();
    }

    // --- the toy protocol ---

    private static void serveToyAuth(Connection c, Admission admission) throws IOException {
        InputStream in = c.input();
        for (String line; (line = readLine(in)) != null; ) {
            if (line.equals("AUTH good")) {
                if (!admission.authenticated()) {
                    return;
                }
                write(c, "OK");
                for (String echo; (echo = readLine(in)) != null; ) {
                    write(c, echo);
                }
                return;
            }
            admission.authenticationFailed();
            write(c, "NO");
        }
    }

    private static void write(Connection c, String line) throws IOException {
        c.output().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        c.output().flush();
    }

    /** A line without its newline; null at end of stream. */
    protected static String readLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) {
                return null;
            }
            sb.append((char) b);
        }
        return sb.toString();
    }

    protected static void send(Connection c, String line) throws IOException {
        write(c, line);
    }

    protected static String roundTrip(Connection c, String line) throws IOException {
        send(c, line);
        return readLine(c.input());
    }

    /** Everything the peer sends until it closes; what was read before a reset counts as what it said. */
    protected static String readAll(Connection c) {
        StringBuilder sb = new StringBuilder();
        try {
            InputStream in = c.input();
            for (int b; (b = in.read()) >= 0; ) {
                sb.append((char) b);
            }
        } catch (IOException e) {
            // A reset after the close: what arrived before it is the answer.
        }
        return sb.toString();
    }

    /** A few hundred kilobytes through the authenticated echo, as a transfer would move them. */
    protected static void assertTransfers(Connection c) throws IOException {
        String chunk = "x".repeat(8000);
        for (int i = 0; i < 40; i++) {
            assertThat(roundTrip(c, chunk + i)).isEqualTo(chunk + i);
        }
    }

    protected static void awaitCondition(BooleanSupplier condition) {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > giveUp) {
                throw new AssertionError("condition not reached within 30 s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
    }
}
