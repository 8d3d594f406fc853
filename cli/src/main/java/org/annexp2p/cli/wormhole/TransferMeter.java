package org.annexp2p.cli.wormhole;

import java.io.PrintStream;
import java.util.Locale;

/** A progress bar on stderr, redrawn at most ten times a second, drawn only when stderr is a terminal. */
final class TransferMeter {

    private final PrintStream err;
    private final boolean live;
    /** Set by the first progress call: the time spent waiting for the peer is not transfer time. */
    private long started;
    private long lastDraw;
    private boolean drawn;

    TransferMeter(PrintStream err, boolean live) {
        this.err = err;
        this.live = live;
    }

    void progress(long done, long total) {
        long now = System.nanoTime();
        if (started == 0) {
            started = now;
        }
        if (!live || (now - lastDraw < 100_000_000L && done < total)) {
            return;
        }
        lastDraw = now;
        drawn = true;
        err.print("\r" + line(done, total, now));
        err.flush();
    }

    /** Ends the live line so later messages start on a fresh one. */
    void finish() {
        if (drawn) {
            err.println();
            err.flush();
        }
    }

    private String line(long done, long total, long now) {
        int width = 30;
        int filled = total == 0 ? width : (int) Math.min(width, width * done / total);
        double seconds = Math.max((now - started) / 1e9, 1e-3);
        return String.format(Locale.ROOT, "[%s%s] %3d%% %s of %s  %s/s   ", "#".repeat(filled), " ".repeat(width - filled),
                total == 0 ? 100 : 100 * done / total, size(done), size(total), size((long) (done / seconds)));
    }

    /** Sizes the way the Python CLI words them ("11 Bytes", "1.0 MB"). */
    static String size(long n) {
        if (n < 1000) {
            return n + " Bytes";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double v = n;
        int u = -1;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
