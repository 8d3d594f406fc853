package org.annexp2p.session.transfer;

/**
 * How far and how fast one transfer goes, for whoever shows it (the terminal's bar, the page). The clock starts at
 * the first report: the time spent dialing or waiting for the peer is not transfer time. The bytes a transfer
 * resumed after moved earlier, so they are left out of the rate. Callers pass the time ({@link System#nanoTime()})
 * so that what is computed does not depend on when it is read. One thread may report while another reads.
 */
public final class TransferPace {
    /** A total not known. */
    public static final long UNKNOWN = -1;

    private long total;
    /** Where the transfer started; below 0 until the first report says. */
    private long startOffset;
    private boolean counting;
    private long started;
    private long position;

    /** A transfer of {@code total} bytes ({@link #UNKNOWN}: not known) starting at {@code startOffset} (below 0: at the first report). */
    public TransferPace(long total, long startOffset) {
        this.total = total;
        this.startOffset = startOffset;
    }

    /** The size, when it is learnt only once the transfer starts (as a wormhole's). */
    public synchronized void total(long total) {
        this.total = total;
    }

    /** The transfer resumes at {@code offset}: its clock starts now, and the bytes before it do not count in the rate. */
    public synchronized void resumedFrom(long offset, long now) {
        startOffset = offset;
        position = offset;
        started = now;
        counting = true;
    }

    /** The position reached in the content at {@code now}. */
    public synchronized void reached(long position, long now) {
        if (!counting) {
            counting = true;
            started = now;
            if (startOffset < 0) {
                startOffset = position;
            }
        }
        this.position = position;
    }

    /** How it stands at {@code now}. */
    public synchronized Reading at(long now) {
        double seconds = Math.max((now - started) / 1e9, 1e-3);
        long from = Math.max(startOffset, 0);
        long rate = counting ? (long) ((position - from) / seconds) : 0;
        return new Reading(position, total, from, rate);
    }

    /**
     * One reading: the position, the total ({@link #UNKNOWN}: not known), where the transfer resumed (0: from the
     * start) and the bytes per second since the clock started.
     */
    public record Reading(long position, long total, long resumedAt, long rate) {
        public boolean sized() {
            return total != UNKNOWN;
        }

        /** The last byte has come. */
        public boolean complete() {
            return sized() && position >= total;
        }

        /** How much is done, 0 to 100; an empty transfer is wholly done. */
        public int percent() {
            return total == 0 ? 100 : (int) Math.max(0, Math.min(100, 100 * position / total));
        }

        /** How many of a bar's {@code width} cells are done. */
        public int filled(int width) {
            return total == 0 ? width : (int) Math.max(0, Math.min(width, width * position / total));
        }

        /** Seconds left at this rate; -1 when that cannot be told (no size, or nothing moved yet). */
        public long secondsLeft() {
            return rate > 0 && total > 0 ? (total - position) / rate : -1;
        }
    }
}
