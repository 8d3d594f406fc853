package org.annexp2p.session.transfer;

import java.util.Locale;

/**
 * The words of a transfer's progress line: its label, a bar with the percent and "x of y" when the size is known,
 * the rate, and where a resumed transfer started. Drawing it (when, over which line) is the front end's.
 */
public final class ProgressLine {
    private static final int WIDTH = 30;

    private ProgressLine() {}

    /** The line for {@code reading}, starting with {@code label} (given with its own separating space, if any). */
    public static String of(String label, ByteUnits units, TransferPace.Reading reading) {
        StringBuilder sb = new StringBuilder(label);
        if (reading.sized()) {
            int filled = reading.filled(WIDTH);
            sb.append('[').append("#".repeat(filled)).append(" ".repeat(WIDTH - filled)).append("] ");
            sb.append(String.format(Locale.ROOT, "%3d%% ", reading.percent()));
            sb.append(units.of(reading.position())).append(" of ").append(units.of(reading.total()));
        } else {
            sb.append(units.of(reading.position()));
        }
        sb.append("  ").append(units.of(reading.rate())).append("/s");
        if (reading.resumedAt() > 0) {
            sb.append("  (resumed at ").append(units.of(reading.resumedAt())).append(')');
        }
        return sb.toString();
    }
}
