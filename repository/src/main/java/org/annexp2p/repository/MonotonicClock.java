package org.annexp2p.repository;

import org.annexp2p.protocol.wire.MonotonicTimestamp;

/**
 * The server's monotonic clock in whole seconds. GETTIMESTAMP answers with it and REMOVE-BEFORE deadlines are
 * checked against it, so a server must use one clock for both.
 */
@FunctionalInterface
public interface MonotonicClock {
    MonotonicTimestamp now();

    /** Seconds of the JVM's monotonic clock (on Linux, CLOCK_MONOTONIC: time since boot). */
    MonotonicClock SYSTEM = () -> MonotonicTimestamp.of(Math.max(0, System.nanoTime() / 1_000_000_000L));
}
