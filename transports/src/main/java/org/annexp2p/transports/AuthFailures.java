package org.annexp2p.transports;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Failed authentications per address group within a window, remembering at most
 * {@link FailureBackoff#trackedAddresses()} groups: the least recently failing one is forgotten first. So an
 * attacker with more addresses than that can escape the per-address delay by cycling through them, but cannot
 * grow this table; the server's overall limits still hold it back. Not thread-safe: {@link Admissions} guards it.
 */
final class AuthFailures {

    private static final class Tally {
        long windowStart;
        long failures;

        Tally(long windowStart) {
            this.windowStart = windowStart;
        }
    }

    private final FailureBackoff backoff;
    private final Map<AddressGroup, Tally> tallies;

    AuthFailures(FailureBackoff backoff) {
        this.backoff = backoff;
        int cap = backoff.trackedAddresses();
        this.tallies = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<AddressGroup, Tally> eldest) {
                return size() > cap;
            }
        };
    }

    /** Records one failure from {@code group} at {@code nowNanos}; returns how long to delay its answer. */
    Duration record(AddressGroup group, long nowNanos) {
        Tally tally = tallies.get(group);
        if (tally == null || nowNanos - tally.windowStart > backoff.window().toNanos()) {
            tally = new Tally(nowNanos);
            tallies.put(group, tally);
        }
        tally.failures++;
        return backoff.delayFor(tally.failures - backoff.freePerAddress());
    }

    /** Failures from {@code group} in its current window (0 if forgotten or never seen). */
    long failures(AddressGroup group, long nowNanos) {
        Tally tally = tallies.get(group);
        return tally == null || nowNanos - tally.windowStart > backoff.window().toNanos() ? 0 : tally.failures;
    }

    int trackedGroups() {
        return tallies.size();
    }
}
