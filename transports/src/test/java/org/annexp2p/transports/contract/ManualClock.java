package org.annexp2p.transports.contract;

import org.annexp2p.transports.ServerClock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * A {@link ServerClock} that moves only when a test says so: {@link #advance} runs, on the calling thread, every
 * task that falls due, in order. So a test decides exactly when a deadline passes, whatever the machine's speed.
 */
public final class ManualClock implements ServerClock {

    private record Task(long due, long order, Runnable body) {}

    private final PriorityQueue<Task> tasks = new PriorityQueue<>((a, b) ->
            a.due != b.due ? Long.compare(a.due, b.due) : Long.compare(a.order, b.order));
    private long now;
    private long order;

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public synchronized Scheduled schedule(Duration delay, Runnable body) {
        Task task = new Task(now + delay.toNanos(), order++, body);
        tasks.add(task);
        return () -> {
            synchronized (this) {
                tasks.remove(task);
            }
        };
    }

    /** Moves time forward by {@code step}, running each task that falls due at its own time. */
    public void advance(Duration step) {
        long target;
        synchronized (this) {
            target = now + step.toNanos();
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.peek();
                if (next == null || next.due > target) {
                    now = target;
                    return;
                }
                tasks.poll();
                now = Math.max(now, next.due);
            }
            next.body.run();
        }
    }

    /** How far each waiting task is from now, soonest first. */
    public synchronized List<Duration> waiting() {
        List<Task> sorted = new ArrayList<>(tasks);
        sorted.sort((a, b) -> Long.compare(a.due, b.due));
        return sorted.stream().map(t -> Duration.ofNanos(t.due - now)).toList();
    }

    /**
     * Waits (in real time, 30 s at most: a safety net, not a measurement) until the waiting tasks satisfy
     * {@code condition}, e.g. until a handler has scheduled the end of its failure delay.
     */
    public void awaitWaiting(Predicate<List<Duration>> condition) {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.test(waiting())) {
            if (System.nanoTime() > giveUp) {
                throw new AssertionError("the clock's tasks never matched; waiting: " + waiting());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
    }
}
