package org.annexp2p.interpreters.net;

import org.annexp2p.protocol.wire.MonotonicTimestamp;

/**
 * Whole seconds of the system's monotonic clock. On Linux {@link System#nanoTime()} reads CLOCK_MONOTONIC, the
 * clock git-annex uses, so timestamps agree across processes on one machine (REMOVE-BEFORE relies on it).
 */
public final class MonotonicClock {
    private MonotonicClock() {}

    public static MonotonicTimestamp now() {
        return MonotonicTimestamp.of(Math.max(0, System.nanoTime() / 1_000_000_000L));
    }
}
