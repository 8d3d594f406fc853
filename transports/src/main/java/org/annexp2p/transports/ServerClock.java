package org.annexp2p.transports;

import java.time.Duration;

/**
 * The time a {@link ConnectionServer} keeps deadlines and failure delays by. The system clock in service; tests
 * pass one they advance by hand, so nothing they check depends on how fast the machine is.
 */
public interface ServerClock {

    /** A monotonic reading in nanoseconds, as {@link System#nanoTime()}. */
    long nanoTime();

    /** Runs {@code task} once {@code delay} has passed on this clock (on a thread of the clock's choosing). */
    Scheduled schedule(Duration delay, Runnable task);

    /** A task waiting to run. */
    @FunctionalInterface
    interface Scheduled {
        /** It will not run if it has not yet started. Idempotent. */
        void cancel();
    }
}
