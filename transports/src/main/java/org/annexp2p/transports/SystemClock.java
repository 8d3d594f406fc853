package org.annexp2p.transports;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** The system's clock, with one server's timer thread. */
record SystemClock(ScheduledThreadPoolExecutor timers) implements ServerClock {
    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public Scheduled schedule(Duration delay, Runnable task) {
        try {
            var future = timers.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
            return () -> future.cancel(false);
        } catch (RejectedExecutionException e) {
            // Shutting down: the server closes what the task would have.
            return () -> { };
        }
    }
}
