package org.annexp2p.protocol.wire;

import io.vavr.control.Option;

/** A byte offset into an object: where a resumed transfer starts. */
public record Offset(long value) implements Comparable<Offset> {
    public static final Offset ZERO = new Offset(0);
    public Offset {
        Numbers.requireNonNegative(value, "Offset");
    }

    public static Offset of(long value) {
        return new Offset(value);
    }

    public static Option<Offset> parse(String s) {
        return Numbers.parseNonNegative(s).map(Offset::new);
    }

    public String format() {
        return Long.toString(value);
    }

    @Override
    public int compareTo(Offset o) {
        return Long.compare(value, o.value);
    }
}
