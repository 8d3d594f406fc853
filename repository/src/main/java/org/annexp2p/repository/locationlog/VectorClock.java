package org.annexp2p.repository.locationlog;

import io.vavr.control.Option;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Objects;

/**
 * The timestamp on a git-annex log line: POSIX seconds with up to 12 decimals (Haskell's picosecond
 * {@code POSIXTime}), written as {@code 1674740000.123456789s}. A later clock wins when two lines speak about
 * the same repository.
 */
public record VectorClock(BigDecimal seconds) implements Comparable<VectorClock> {
    private static final int MAX_SCALE = 12;

    public VectorClock {
        Objects.requireNonNull(seconds, "seconds");
        if (seconds.scale() > MAX_SCALE) {
            seconds = seconds.setScale(MAX_SCALE, RoundingMode.FLOOR);
        }
    }

    public static VectorClock of(Instant t) {
        return new VectorClock(BigDecimal.valueOf(t.getEpochSecond()).add(BigDecimal.valueOf(t.getNano(), 9)));
    }

    /**
     * Parses as git-annex does: optional sign, digits, optionally {@code .digits}, optionally a trailing
     * {@code s}; nothing else.
     */
    public static Option<VectorClock> parse(String s) {
        String body = s.endsWith("s") ? s.substring(0, s.length() - 1) : s;
        int i = body.startsWith("-") || body.startsWith("+") ? 1 : 0;
        int dot = body.indexOf('.');
        String whole = dot < 0 ? body.substring(i) : body.substring(i, dot);
        String fraction = dot < 0 ? "" : body.substring(dot + 1);
        if (whole.isEmpty() || !digits(whole) || !digits(fraction) || (dot >= 0 && fraction.isEmpty())) {
            return Option.none();
        }
        return Option.some(new VectorClock(new BigDecimal(body.startsWith("+") ? body.substring(1) : body)));
    }

    private static boolean digits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** How Haskell shows a POSIXTime: trailing zeros (and a bare point) dropped, then {@code s}. */
    public String format() {
        BigDecimal v = seconds.signum() == 0 ? BigDecimal.ZERO : seconds.stripTrailingZeros();
        return v.toPlainString() + "s";
    }

    /** git-annex's rule against clock skew: a new line must come after every earlier line about the same thing. */
    public VectorClock advancedPast(Option<VectorClock> previous) {
        return previous.filter(p -> p.compareTo(this) >= 0)
                .map(p -> new VectorClock(p.seconds.add(BigDecimal.ONE)))
                .getOrElse(this);
    }

    @Override
    public int compareTo(VectorClock o) {
        return seconds.compareTo(o.seconds);
    }
}
