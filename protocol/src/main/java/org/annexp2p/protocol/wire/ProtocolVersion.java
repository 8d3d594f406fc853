package org.annexp2p.protocol.wire;

import io.vavr.control.Option;

/**
 * A P2P protocol version. Each version enables messages: 1 VALID/INVALID after DATA; 2 the *-PLUS replies and
 * BYPASS; 3 REMOVE-BEFORE and GETTIMESTAMP; 4 DATA-PRESENT.
 */
public record ProtocolVersion(long value) implements Comparable<ProtocolVersion> {
    public static final ProtocolVersion V0 = new ProtocolVersion(0);
    public static final ProtocolVersion V1 = new ProtocolVersion(1);
    public static final ProtocolVersion V2 = new ProtocolVersion(2);
    public static final ProtocolVersion V3 = new ProtocolVersion(3);
    public static final ProtocolVersion V4 = new ProtocolVersion(4);
    /** The highest version we speak. */
    public static final ProtocolVersion MAX = V4;

    public ProtocolVersion {
        Numbers.requireNonNegative(value, "ProtocolVersion");
    }

    public static Option<ProtocolVersion> parse(String s) {
        return Numbers.parseNonNegative(s).map(ProtocolVersion::new);
    }

    public String format() {
        return Long.toString(value);
    }

    public boolean atLeast(ProtocolVersion v) {
        return value >= v.value;
    }

    public ProtocolVersion min(ProtocolVersion other) {
        return value <= other.value ? this : other;
    }

    public boolean hasValidity() {
        return atLeast(V1);
    }

    public boolean hasPlusReplies() {
        return atLeast(V2);
    }

    public boolean hasTimestamps() {
        return atLeast(V3);
    }

    public boolean hasDataPresent() {
        return atLeast(V4);
    }

    @Override
    public int compareTo(ProtocolVersion o) {
        return Long.compare(value, o.value);
    }
}
