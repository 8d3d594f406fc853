package org.annexp2p.protocol.wire;

import io.vavr.control.Option;

/**
 * Decimal fields (offsets, lengths, versions, timestamps). git-annex writes them with {@code show}; we parse
 * strictly: one or more ASCII digits, no sign, fitting a long. (git-annex's {@code readish} is laxer; a
 * field it would half-accept, like {@code 12abc}, is simply unparseable here.)
 */
final class Numbers {
    private Numbers() {}

    static Option<Long> parseNonNegative(String s) {
        if (s.isEmpty() || s.length() > 19) {
            return Option.none();
        }
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return Option.none();
            }
            n = n * 10 + (c - '0');
            if (n < 0) {
                return Option.none();
            }
        }
        return Option.some(n);
    }

    static long requireNonNegative(long n, String what) {
        if (n < 0) {
            throw new IllegalArgumentException(what + " cannot be negative: " + n);
        }
        return n;
    }
}
