package org.annexp2p.transports.readable;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * The task a connection runs once a read would no longer block ({@link org.annexp2p.transports.Connection#whenReadable}),
 * for a connection whose reads and arrivals (bytes, end of stream, a failure, a close) share one lock, given here.
 *
 * <p>The check that a read would block and the registration happen under that lock, and every arrival takes the task
 * under it too. So an arrival either comes before the check, which then sees it and refuses the registration, or
 * after the registration, and takes the task: none can fall between the two and leave the task waiting for bytes
 * that are already there. The task runs only after the lock is released ({@link #run}), since it may take other
 * locks (a server's pool) and must not run inside the connection's.
 */
public final class ReadableSignal {
    private final ReentrantLock lock;
    private final BooleanSupplier readableNow;
    /** Null when none waits. */
    private Runnable waiting;

    /** Guarded by {@code lock}; {@code readableNow} is asked under it: whether a read would return without waiting. */
    public ReadableSignal(ReentrantLock lock, BooleanSupplier readableNow) {
        this.lock = lock;
        this.readableNow = readableNow;
    }

    /** Registers {@code task} unless a read would not block now (then false, and the caller reads). */
    public boolean register(Runnable task) {
        lock.lock();
        try {
            if (readableNow.getAsBoolean()) {
                return false;
            }
            waiting = task;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock, by an arrival: the waiting task, no longer registered, or null; {@link #run} it once unlocked. */
    public Runnable take() {
        requireLocked();
        Runnable task = waiting;
        waiting = null;
        return task;
    }

    /** As {@link #take}, only if a read would now not block (a change that may still leave nothing to read). */
    public Runnable takeIfReadable() {
        requireLocked();
        return readableNow.getAsBoolean() ? take() : null;
    }

    private void requireLocked() {
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("the task is taken under the lock its registration takes");
        }
    }

    /** Outside the lock: runs a task {@link #take} returned, if any. */
    public static void run(Runnable task) {
        if (task != null) {
            task.run();
        }
    }
}
