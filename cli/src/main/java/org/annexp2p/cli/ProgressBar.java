package org.annexp2p.cli;

import java.io.PrintStream;
import java.util.Locale;
import org.annexp2p.protocol.program.Meter;

/**
 * Transfer progress on stderr: a live bar (redrawn at most ten times a second) when stderr is a terminal, and
 * only one summary line otherwise, so logs stay readable.
 */
final class ProgressBar implements Meter {
    private final PrintStream err;
    private final String label;
    private final long total;
    private final boolean live;
    private long startOffset = -1;
    private long started = System.nanoTime();
    private long lastDraw;
    private long current;

    ProgressBar(PrintStream err, String label, long total, boolean live) {
        this.err = err;
        this.label = label;
        this.total = total;
        this.live = live;
    }

    static ProgressBar onStderr(String label, long total) {
        return new ProgressBar(System.err, label, total, Terminal.stderrIsTerminal());
    }

    /** Says the transfer resumes at {@code offset} (shown, and left out of the rate). */
    void resumedFrom(long offset) {
        startOffset = offset;
        current = offset;
        started = System.nanoTime();
    }

    /**
     * The position reached in the content. The first report is where the transfer starts (the interpreters
     * report it before any byte moves), so a resumed put shows its offset as a get does.
     */
    @Override
    public void progress(long position) {
        if (startOffset < 0) {
            startOffset = position;
            started = System.nanoTime();
        }
        current = position;
        long now = System.nanoTime();
        if (live && now - lastDraw > 100_000_000L) {
            lastDraw = now;
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

    private String line(long now) {
        double seconds = Math.max((now - started) / 1e9, 1e-3);
        double rate = (current - Math.max(startOffset, 0)) / seconds;
        StringBuilder sb = new StringBuilder(label).append(' ');
        if (total > 0) {
            int width = 30;
            int filled = (int) Math.min(width, width * current / total);
            sb.append('[').append("#".repeat(filled)).append(" ".repeat(width - filled)).append("] ");
            sb.append(String.format(Locale.ROOT, "%3d%% ", 100 * current / total));
        }
        sb.append(bytes(current)).append(total > 0 ? " of " + bytes(total) : "");
        sb.append(String.format(Locale.ROOT, "  %s/s", bytes((long) rate)));
        if (startOffset > 0) {
            sb.append("  (resumed at ").append(bytes(startOffset)).append(')');
        }
        return sb.toString();
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
