package org.annexp2p.repository.locationlog;

import io.vavr.control.Option;
import java.util.Objects;

/**
 * One line of a git-annex presence log: {@code <clock> <status> <info>}. In a location log the info is a
 * repository UUID. Text is wire text (one char per byte).
 */
record LogLine(VectorClock clock, LogStatus status, String info) {
    public LogLine {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(info, "info");
        if (info.indexOf('\n') >= 0 || info.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("log info cannot contain a line break");
        }
    }

    /** Parses one line (without its end); none for a line git-annex would skip. */
    public static Option<LogLine> parse(String line) {
        int sp = line.indexOf(' ');
        if (sp < 0 || line.length() < sp + 3 || line.charAt(sp + 2) != ' ') {
            return Option.none();
        }
        Option<VectorClock> clock = VectorClock.parse(line.substring(0, sp));
        Option<LogStatus> status = LogStatus.of(line.charAt(sp + 1));
        if (clock.isEmpty() || status.isEmpty()) {
            return Option.none();
        }
        return Option.some(new LogLine(clock.get(), status.get(), line.substring(sp + 3)));
    }

    public String format() {
        return clock.format() + " " + status.code() + " " + info + "\n";
    }
}
