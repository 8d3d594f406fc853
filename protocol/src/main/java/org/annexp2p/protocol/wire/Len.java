package org.annexp2p.protocol.wire;

import io.vavr.control.Option;

/** A byte count announced by a DATA message. */
public record Len(long value) implements Comparable<Len> {
    public static final Len ZERO = new Len(0);
    public Len {
        Numbers.requireNonNegative(value, "Len");
    }

    public static Len of(long value) {
        return new Len(value);
    }

    public static Option<Len> parse(String s) {
        return Numbers.parseNonNegative(s).map(Len::new);
    }

    public String format() {
        return Long.toString(value);
    }

    @Override
    public int compareTo(Len o) {
        return Long.compare(value, o.value);
    }
}
