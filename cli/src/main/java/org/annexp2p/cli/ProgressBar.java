package org.annexp2p.cli;

import java.io.PrintStream;
import org.annexp2p.protocol.program.Meter;
import org.annexp2p.session.transfer.ByteUnits;
import org.annexp2p.session.transfer.ProgressLine;
import org.annexp2p.session.transfer.TransferPace;

/**
 * Transfer progress on stderr: a live bar (redrawn at most ten times a second, and when the last byte has come)
 * when stderr is a terminal. Our own commands end it with one summary line, printed also when stderr is not a
 * terminal, so logs stay readable; a wormhole transfer, as the Python CLI's, ends it with a bare line break.
 * What the line says is {@link ProgressLine}'s, from the {@link TransferPace}.
 */
public final class ProgressBar implements Meter {
    private final PrintStream err;
    private final String label;
    private final boolean live;
    private final ByteUnits units;
    private final TransferPace pace;
    private long lastDraw;
    private boolean drawn;

    ProgressBar(PrintStream err, String label, long total, boolean live, ByteUnits units, long startOffset) {
        this.err = err;
        this.label = label;
        this.live = live;
        this.units = units;
        this.pace = new TransferPace(total, startOffset);
    }

    /** A command's bar for {@code total} bytes (0: not known), labelled, in IEC units. */
    static ProgressBar onStderr(String label, long total) {
        return new ProgressBar(System.err, label + " ", total > 0 ? total : TransferPace.UNKNOWN, Terminal.stderrIsTerminal(),
                ByteUnits.IEC, -1);
    }

    /** A wormhole transfer's bar: no label, the Python CLI's units, its size given with each report. */
    public static ProgressBar forWormhole(PrintStream err, boolean live) {
        return new ProgressBar(err, "", 0, live, ByteUnits.DECIMAL, 0);
    }

    /** Says the transfer resumes at {@code offset} (shown, and left out of the rate). */
    void resumedFrom(long offset) {
        pace.resumedFrom(offset, System.nanoTime());
    }

    /** {@code done} of {@code total} bytes have moved (a wormhole learns the size only once the transfer starts). */
    public void progress(long done, long total) {
        pace.total(total);
        progress(done);
    }

    /**
     * The position reached in the content. The first report is also where a command's transfer starts (the
     * interpreters report it before any byte moves), so a resumed put shows its offset as a get does.
     */
    @Override
    public void progress(long position) {
        long now = System.nanoTime();
        pace.reached(position, now);
        if (live && (now - lastDraw >= 100_000_000L || pace.at(now).complete())) {
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
        return ProgressLine.of(label, units, pace.at(now));
    }
}
