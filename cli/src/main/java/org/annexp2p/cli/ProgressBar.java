package org.annexp2p.cli;

import java.io.PrintStream;
import java.util.Locale;
import org.annexp2p.protocol.program.Meter;

/**
 * Transfer progress on stderr: a live bar (redrawn at most ten times a second, and when the last byte has come)
 * when stderr is a terminal. Our own commands end it with one summary line, printed also when stderr is not a
 * terminal, so logs stay readable; a wormhole transfer, as the Python CLI's, ends it with a bare line break.
 */
public final class ProgressBar implements Meter {
    /** A total not known: no bar, only the bytes and the rate. */
    private static final long UNKNOWN = -1;

    private final PrintStream err;
    private final String label;
    private final boolean live;
    private final Units units;
    private long total;
    /** Where the transfer started: left out of the rate, and shown when above 0. Below 0: the first report says. */
    private long startOffset;
    private boolean counting;
    private long started;
    private long lastDraw;
    private long current;
    private boolean drawn;

    ProgressBar(PrintStream err, String label, long total, boolean live, Units units, long startOffset) {
        this.err = err;
        this.label = label;
        this.total = total;
        this.live = live;
        this.units = units;
        this.startOffset = startOffset;
    }

    /** A command's bar for {@code total} bytes (0: not known), labelled, in IEC units. */
    static ProgressBar onStderr(String label, long total) {
        return new ProgressBar(System.err, label + " ", total > 0 ? total : UNKNOWN, Terminal.stderrIsTerminal(), Units.IEC, -1);
    }

    /** A wormhole transfer's bar: no label, the Python CLI's units, its size given with each report. */
    public static ProgressBar forWormhole(PrintStream err, boolean live) {
        return new ProgressBar(err, "", 0, live, Units.DECIMAL, 0);
    }

    /** Says the transfer resumes at {@code offset} (shown, and left out of the rate). */
    void resumedFrom(long offset) {
        startOffset = offset;
        current = offset;
        started = System.nanoTime();
        counting = true;
    }

    /** {@code done} of {@code total} bytes have moved (a wormhole learns the size only once the transfer starts). */
    public void progress(long done, long total) {
        this.total = total;
        progress(done);
    }

    /**
     * The position reached in the content. The clock starts at the first report: the time spent dialing or waiting
     * for the peer is not transfer time. The first report is also where a command's transfer starts (the
     * interpreters report it before any byte moves), so a resumed put shows its offset as a get does.
     */
    @Override
    public void progress(long position) {
        long now = System.nanoTime();
        if (!counting) {
            counting = true;
            started = now;
            if (startOffset < 0) {
                startOffset = position;
            }
        }
        current = position;
        if (live && (now - lastDraw >= 100_000_000L || total != UNKNOWN && current >= total)) {
            lastDraw = now;
            drawn = true;
            err.print("\r" + line(now) + "   ");
            err.flush();
        }
    }

    /** Ends the bar with a summary line saying how it went. */
    void finish(String outcome) {
        long now = System.nanoTime();
        if (live) {
            err.print("\r");
        }
        err.println(line(now) + "  " + outcome);
        err.flush();
    }

    /** Ends a drawn live line, so later messages start on a fresh one. */
    public void end() {
        if (drawn) {
            err.println();
            err.flush();
        }
    }

    private String line(long now) {
        double seconds = Math.max((now - started) / 1e9, 1e-3);
        double rate = (current - Math.max(startOffset, 0)) / seconds;
        StringBuilder sb = new StringBuilder(label);
        if (total != UNKNOWN) {
            int width = 30;
            int filled = total == 0 ? width : (int) Math.min(width, width * current / total);
            sb.append('[').append("#".repeat(filled)).append(" ".repeat(width - filled)).append("] ");
            sb.append(String.format(Locale.ROOT, "%3d%% ", total == 0 ? 100 : 100 * current / total));
            sb.append(units.of(current)).append(" of ").append(units.of(total));
        } else {
            sb.append(units.of(current));
        }
        sb.append("  ").append(units.of((long) rate)).append("/s");
        if (startOffset > 0) {
            sb.append("  (resumed at ").append(units.of(startOffset)).append(')');
        }
        return sb.toString();
    }

    /** How sizes are worded: IEC units for our own commands, the Python wormhole CLI's decimal ones for its. */
    public enum Units {
        /** "512 B", "1.0 KiB", "3.5 MiB". */
        IEC(1024, " B", "KiB", "MiB", "GiB", "TiB"),
        /** As the Python CLI words them: "11 Bytes", "1.0 MB". */
        DECIMAL(1000, " Bytes", "kB", "MB", "GB", "TB");

        private final int base;
        private final String bytes;
        private final String[] larger;

        Units(int base, String bytes, String... larger) {
            this.base = base;
            this.bytes = bytes;
            this.larger = larger;
        }

        /** {@code n} bytes in these units, one decimal above the byte. */
        public String of(long n) {
            if (n < base) {
                return n + bytes;
            }
            double v = n;
            int u = -1;
            while (v >= base && u < larger.length - 1) {
                v /= base;
                u++;
            }
            return String.format(Locale.ROOT, "%.1f %s", v, larger[u]);
        }
    }
}
