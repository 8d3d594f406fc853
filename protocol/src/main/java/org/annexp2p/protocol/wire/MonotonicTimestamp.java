package org.annexp2p.protocol.wire;

import io.vavr.control.Option;

/** A server's monotonic clock in whole seconds (protocol v3 GETTIMESTAMP/REMOVE-BEFORE). */
public record MonotonicTimestamp(long value) implements Comparable<MonotonicTimestamp> {
    public MonotonicTimestamp {
        Numbers.requireNonNegative(value, "MonotonicTimestamp");
    }

    public static MonotonicTimestamp of(long value) {
        return new MonotonicTimestamp(value);
    }

    public static Option<MonotonicTimestamp> parse(String s) {
        return Numbers.parseNonNegative(s).map(MonotonicTimestamp::new);
    }

    public String format() {
        return Long.toString(value);
    }

    @Override
    public int compareTo(MonotonicTimestamp o) {
        return Long.compare(value, o.value);
    }
}
