package org.annexp2p.transports.contract;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Waits until a progress counter stops moving: how tests see that a writer is blocked without asserting
 * on elapsed time. Bounded: gives up with an exception after {@code max}.
 */
public final class Quiescence {

    private Quiescence() {
    }

    /** Returns the counter's value once it has not changed for {@code stableFor}. */
    public static long await(LongSupplier counter, Duration stableFor, Duration max) throws TimeoutException {
        long deadline = System.nanoTime() + max.toNanos();
        long last = counter.getAsLong();
        long stableSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            long now = counter.getAsLong();
            if (now != last) {
                last = now;
                stableSince = System.nanoTime();
            } else if (System.nanoTime() - stableSince >= stableFor.toNanos()) {
                return now;
            }
        }
        throw new TimeoutException("counter still moving after " + max + " (last value " + last + ")");
    }
}
