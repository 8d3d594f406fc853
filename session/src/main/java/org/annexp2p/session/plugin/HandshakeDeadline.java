package org.annexp2p.session.plugin;

import java.io.IOException;
import java.time.Duration;
import org.annexp2p.transports.Connection;
import org.annexp2p.transports.ShownDuration;

/**
 * When a client gives up on a peer that has not answered AUTH and VERSION. Without it a peer that accepts the
 * connection and then says nothing held a command for the transport's 10-minute idle timeout. It covers only the
 * greeting: once the peer has answered it no longer applies, so a long transfer that makes progress is never cut
 * (the idle timeout still ends one that stalls).
 *
 * <p>Without {@code --timeout}: {@code tcp://} has {@value #TCP_SECONDS} s to connect and answer together;
 * {@code lan://} and {@code tor-annex::} connect within their own bounds (several addresses and a where-is query
 * on the LAN; up to two minutes of retries while a restarted onion's descriptor spreads) and then have
 * {@value #LAN_ANSWER_SECONDS} s (LAN) or {@value #ONION_ANSWER_SECONDS} s (onion: each round trip crosses six
 * relays) to answer; {@code --exec} has none, as the command may be asking the user for a password (ssh). With
 * {@code --timeout D}, D bounds connecting and answering together, for every kind of peer.
 */
public final class HandshakeDeadline {
    public static final int TCP_SECONDS = 10;
    public static final int LAN_ANSWER_SECONDS = 10;
    public static final int ONION_ANSWER_SECONDS = 30;

    private final long atNanos;
    private final Duration shown;

    private HandshakeDeadline(long atNanos, Duration shown) {
        this.atNanos = atNanos;
        this.shown = shown;
    }

    /** {@code within} after {@code startNanos} (a {@link System#nanoTime()} reading). */
    public static HandshakeDeadline after(long startNanos, Duration within) {
        return new HandshakeDeadline(startNanos + within.toNanos(), within);
    }

    /** How long a dial may take that must end by this deadline (at least a millisecond, so it fails on its own). */
    public Duration left() {
        return Duration.ofNanos(Math.max(1_000_000L, atNanos - System.nanoTime()));
    }

    /** The one line a user reads when {@code c} did not answer in time. */
    public IOException missed(Connection c, boolean dialed) {
        return new IOException(c.description() + (dialed ? " accepted the connection but" : " was started but")
                + " did not answer within " + ShownDuration.of(shown));
    }

    /** Closes {@code c} at the deadline unless the returned watch is closed first. */
    public Watch watch(Connection c) {
        return new Watch(c);
    }

    /** One greeting under the deadline: closing it either stops the watch, or finds that it already fired. */
    public final class Watch implements AutoCloseable {
        private final Connection connection;
        private boolean over;
        private boolean fired;

        private Watch(Connection connection) {
            this.connection = connection;
            Thread t = new Thread(this::await, "annex-p2p handshake deadline");
            t.setDaemon(true);
            t.start();
        }

        private synchronized void await() {
            while (!over) {
                long left = atNanos - System.nanoTime();
                if (left <= 0) {
                    fired = true;
                    // Unblocks the read that waits for the peer's answer.
                    connection.close();
                    return;
                }
                try {
                    wait(Math.max(1, left / 1_000_000L));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        /** True if the deadline passed (and the connection was closed) before the greeting ended. */
        public synchronized boolean fired() {
            return fired;
        }

        @Override
        public synchronized void close() {
            over = true;
            notifyAll();
        }
    }
}
