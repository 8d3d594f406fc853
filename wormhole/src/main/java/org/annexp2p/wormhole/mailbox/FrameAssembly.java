package org.annexp2p.wormhole.mailbox;

import java.util.Optional;

/**
 * Glues a WebSocket's text fragments into whole frames, up to a bound: the server relays whatever a peer adds to
 * the mailbox, so without one a peer could make us hold a message of any size in memory.
 */
final class FrameAssembly {

    /** Generous for every message the protocol carries: a blob of 8 MiB is 16 Mi hex characters. */
    static final int MAX_CHARS = 17 << 20;

    private final int limit;
    private final StringBuilder partial = new StringBuilder();
    private boolean refused;

    FrameAssembly(int limit) {
        this.limit = limit;
    }

    /** The whole frame once {@code last}, {@link FrameChannel.Inbound.TooLarge} once past the bound (then nothing more). */
    Optional<FrameChannel.Inbound> add(CharSequence data, boolean last) {
        if (refused) {
            return Optional.empty();
        }
        if (partial.length() + data.length() > limit) {
            refused = true;
            partial.setLength(0);
            partial.trimToSize();
            return Optional.of(new FrameChannel.Inbound.TooLarge(limit));
        }
        partial.append(data);
        if (!last) {
            return Optional.empty();
        }
        String frame = partial.toString();
        partial.setLength(0);
        return Optional.of(new FrameChannel.Inbound.Frame(frame));
    }
}
