package org.annexp2p.transports.memory;

import java.util.Objects;

/**
 * Something that goes wrong on the in-memory links to one listener name; see
 * {@link MemoryNetwork#inject(String, Fault...)}. Faults never corrupt or reorder stream bytes: whatever a
 * reader receives is always a prefix of what was written.
 */
public sealed interface Fault {

    /**
     * After {@code bytes} bytes have passed in {@code direction}, the link breaks: the reader gets those
     * bytes and then an {@link java.io.IOException}; writers on both sides fail from then on.
     */
    record CloseAfter(Direction direction, long bytes) implements Fault {
        public CloseAfter {
            Objects.requireNonNull(direction, "direction");
            if (bytes < 0) {
                throw new IllegalArgumentException("bytes must be >= 0, was " + bytes);
            }
        }
    }

    /**
     * After {@code bytes} bytes have passed in {@code direction}, delivery stops: the reader blocks (and the
     * writer eventually blocks on the full buffer) until {@link MemoryNetwork#release(String)} or close.
     */
    record StallAfter(Direction direction, long bytes) implements Fault {
        public StallAfter {
            Objects.requireNonNull(direction, "direction");
            if (bytes < 0) {
                throw new IllegalArgumentException("bytes must be >= 0, was " + bytes);
            }
        }
    }

    /** Every read, in both directions, returns at most {@code maxBytesPerRead} bytes. */
    record Slow(int maxBytesPerRead) implements Fault {
        public Slow {
            if (maxBytesPerRead < 1) {
                throw new IllegalArgumentException("maxBytesPerRead must be >= 1, was " + maxBytesPerRead);
            }
        }
    }

    /** Dials are refused with "connection refused", as if nothing listened. */
    record Refuse() implements Fault {
    }

    static Fault closeAfter(Direction direction, long bytes) {
        return new CloseAfter(direction, bytes);
    }

    static Fault stallAfter(Direction direction, long bytes) {
        return new StallAfter(direction, bytes);
    }

    static Fault slow(int maxBytesPerRead) {
        return new Slow(maxBytesPerRead);
    }

    static Fault refuse() {
        return new Refuse();
    }
}
