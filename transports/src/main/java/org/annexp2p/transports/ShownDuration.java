package org.annexp2p.transports;

import java.time.Duration;

/** A bound as a user reads it in a one-line message: {@code 10 s}, {@code 2 min}, {@code 500 ms}. */
public final class ShownDuration {
    private ShownDuration() {
    }

    public static String of(Duration d) {
        long ms = d.toMillis();
        if (ms >= 60_000 && ms % 60_000 == 0) {
            return ms / 60_000 + " min";
        }
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }
}
