package org.annexp2p.testkit.process;

/**
 * A line a program printed and when its end arrived ({@link System#nanoTime()}), so that a test can read the phases
 * of a command off its own messages.
 */
public record Line(long arrivedNanos, String text) {

    /** Milliseconds from {@code originNanos} (a {@link System#nanoTime()} the test took) to this line's arrival. */
    public long millisSince(long originNanos) {
        return (arrivedNanos - originNanos) / 1_000_000;
    }
}
