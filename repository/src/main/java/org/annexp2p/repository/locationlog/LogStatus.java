package org.annexp2p.repository.locationlog;

import io.vavr.control.Option;

/** The status column of a presence log line. */
public enum LogStatus {
    PRESENT('1'),
    MISSING('0'),
    DEAD('X');

    private final char code;

    LogStatus(char code) {
        this.code = code;
    }

    public char code() {
        return code;
    }

    public static Option<LogStatus> of(char c) {
        for (LogStatus s : values()) {
            if (s.code == c) {
                return Option.some(s);
            }
        }
        return Option.none();
    }
}
