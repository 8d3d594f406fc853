package org.annexp2p.protocol.wire;

import io.vavr.control.Option;

/** A git service's exit code, as carried by CONNECTDONE ({@code 0} is success). */
public record ExitCode(int value) {
    public static final ExitCode SUCCESS = new ExitCode(0);

    public static Option<ExitCode> parse(String s) {
        boolean negative = s.startsWith("-");
        return Numbers.parseNonNegative(negative ? s.substring(1) : s)
                .map(n -> negative ? -n : n)
                .filter(n -> n >= Integer.MIN_VALUE && n <= Integer.MAX_VALUE)
                .map(n -> new ExitCode((int) (long) n));
    }

    public String format() {
        return Integer.toString(value);
    }
}
