package org.annexp2p.pairing.discovery;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Refuses announcements whose timestamp is outside {@code window} of our clock, and any nonce seen before.
 *
 * <p>Nonces are remembered only as long as their announcement could still pass the timestamp check, and at
 * most {@code capacity} of them, so a flood cannot grow memory; evicting early can only let a replay
 * through once it is stale anyway, unless the flood is larger than {@code capacity} within one window.
 */
final class ReplayGuard {

    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(30);
    public static final int DEFAULT_CAPACITY = 8192;

    private final Clock clock;
    private final long windowMillis;
    private final int capacity;
    // Insertion order approximates arrival order; eviction walks from the oldest.
    private final LinkedHashMap<Nonce, Long> seen = new LinkedHashMap<>();

    public ReplayGuard(Clock clock, Duration window, int capacity) {
        this.clock = clock;
        this.windowMillis = window.toMillis();
        this.capacity = capacity;
    }

    public ReplayGuard(Clock clock) {
        this(clock, DEFAULT_WINDOW, DEFAULT_CAPACITY);
    }

    /** Passes an authenticated announcement through, or refuses it as stale or replayed. */
    public synchronized Verdict check(Announcement announcement) {
        long now = clock.millis();
        long skew = announcement.timestampMillis() - now;
        if (Math.abs(skew) > windowMillis || skew == Long.MIN_VALUE) {
            return new Verdict.Refused(Refusal.STALE, "sent " + describeSkew(skew) + ", window is ±" + windowMillis / 1000 + " s");
        }
        evict(now);
        if (seen.containsKey(announcement.nonce())) {
            return new Verdict.Refused(Refusal.REPLAYED, "nonce " + announcement.nonce() + " from " + announcement.device());
        }
        seen.put(announcement.nonce(), announcement.timestampMillis());
        while (seen.size() > capacity) {
            Iterator<Map.Entry<Nonce, Long>> oldest = seen.entrySet().iterator();
            oldest.next();
            oldest.remove();
        }
        return new Verdict.Accepted(announcement);
    }

    private void evict(long now) {
        seen.values().removeIf(timestamp -> Math.abs(timestamp - now) > windowMillis);
    }

    private static String describeSkew(long skewMillis) {
        return skewMillis < 0 ? (-skewMillis / 1000) + " s in the past" : (skewMillis / 1000) + " s in the future";
    }
}
