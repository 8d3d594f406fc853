package org.annexp2p.session.network;

import java.time.Duration;

/**
 * How long to wait before restarting a helper that exited: doubling from {@link #FIRST} up to {@link #CAP} while
 * it keeps exiting soon after starting, and back to {@link #FIRST} once a run lasted {@link #CAP} (it was working).
 *
 * @param delay the wait before the next restart
 */
public record RestartBackoff(Duration delay) {
    public static final Duration FIRST = Duration.ofMillis(250);
    public static final Duration CAP = Duration.ofSeconds(60);

    public RestartBackoff {
        if (delay.compareTo(FIRST) < 0 || delay.compareTo(CAP) > 0) {
            throw new IllegalArgumentException("a restart delay is between " + FIRST + " and " + CAP);
        }
    }

    public static RestartBackoff initial() {
        return new RestartBackoff(FIRST);
    }

    /** The backoff after a run that lasted {@code ran}: waited out now, the next one doubles unless it ran long. */
    public RestartBackoff after(Duration ran) {
        if (ran.compareTo(CAP) >= 0) {
            return initial();
        }
        Duration doubled = delay.multipliedBy(2);
        return new RestartBackoff(doubled.compareTo(CAP) > 0 ? CAP : doubled);
    }

    /** Whether the helper has kept exiting long enough to be retried at the slowest pace. */
    public boolean capped() {
        return delay.equals(CAP);
    }
}
