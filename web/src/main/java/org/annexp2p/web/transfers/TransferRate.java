package org.annexp2p.web.transfers;

/**
 * How fast a transfer another process runs is going, from what its transfer file says at successive looks. git-annex
 * rewrites that file only every 1 % of the key's size, so most looks see no change: the rate is measured between
 * changes (bytes moved over the time since the last change), smoothed, and the transfer is called stalled only
 * once nothing has changed for much longer than changes have been coming. Times are the caller's clock, in
 * nanoseconds, so a test can drive it.
 */
final class TransferRate {
    /** Never stalled sooner than this after a change. */
    static final long MIN_STALL_NANOS = 10_000_000_000L;
    /** Stalled when nothing changed for this many times the last gap between changes. */
    private static final int STALL_GAPS = 3;
    /** Changes closer together than this are measured together: over a few nanoseconds any jump looks infinitely fast. */
    private static final long MIN_MEASURED_NANOS = 100_000_000L;
    /** How fast older measurements fade: after this long they weigh half. */
    private static final double HALF_LIFE_SECONDS = 3.0;

    /** Bytes per second (-1: not known yet), seconds left (-1: unknown), and whether it stopped moving. */
    record Reading(long rate, long eta, boolean stalled) {
    }

    private boolean seen;
    private long changedAt;
    private long bytes;
    private long gap = -1;
    private double rate = -1;

    /** What a look found at {@code nanos}: {@code moved} bytes so far. */
    synchronized void sample(long nanos, long moved) {
        if (!seen || moved < bytes) {
            // First look, or the transfer started over: nothing to measure against.
            seen = true;
            changedAt = nanos;
            bytes = moved;
            gap = -1;
            rate = -1;
            return;
        }
        long elapsed = nanos - changedAt;
        if (moved == bytes || elapsed < MIN_MEASURED_NANOS) {
            return;
        }
        double measured = (moved - bytes) * 1e9 / elapsed;
        double weight = 1 - Math.pow(0.5, elapsed / 1e9 / HALF_LIFE_SECONDS);
        rate = rate < 0 ? measured : rate + weight * (measured - rate);
        gap = elapsed;
        changedAt = nanos;
        bytes = moved;
    }

    /** The reading at {@code nanos} for a transfer of {@code size} bytes (-1: unknown). */
    synchronized Reading reading(long nanos, long size) {
        if (gap < 0) {
            return new Reading(-1, -1, false);
        }
        if (nanos - changedAt > Math.max(MIN_STALL_NANOS, STALL_GAPS * gap)) {
            return new Reading(0, -1, true);
        }
        long perSecond = (long) rate;
        long eta = size >= 0 && perSecond > 0 ? (Math.max(0, size - bytes) + perSecond - 1) / perSecond : -1;
        return new Reading(perSecond, eta, false);
    }
}
