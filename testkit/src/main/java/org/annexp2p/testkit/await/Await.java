package org.annexp2p.testkit.await;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waits for state another thread or process changes: a test that reads such state once, right after the event that
 * starts the change, fails when the machine is loaded and the other side has not got to it yet. The bound is a
 * safety net for a change that never comes, far above what any of them takes.
 */
public final class Await {
    private static final long BOUND_SECONDS = 60;

    private Await() {
    }

    /** Returns once {@code condition} holds; fails the test, naming {@code what}, if it has not within the bound. */
    public static void condition(String what, BooleanSupplier condition) {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - giveUp > 0) {
                throw new AssertionError("not reached within " + BOUND_SECONDS + " s: " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
    }
}
