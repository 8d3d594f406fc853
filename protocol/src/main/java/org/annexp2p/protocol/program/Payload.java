package org.annexp2p.protocol.program;

import java.io.InputStream;
import org.annexp2p.protocol.wire.Len;

/**
 * Bytes handed between the Net and Local halves of one interpreter — content read from the store on its way
 * to the peer, or DATA from the peer on its way to the store. Programs pass payloads along without reading
 * them; only interpreters do I/O on the stream.
 */
public interface Payload {

    /** How many bytes this payload is meant to hold. A stream may end sooner if the peer vanished. */
    Len length();

    /** The bytes. Read at most once. */
    InputStream stream();

    /** {@code stream}, said to hold {@code length} bytes. */
    static Payload of(Len length, InputStream stream) {
        return new Of(length, stream);
    }

    /** What {@link #of} makes. */
    record Of(Len length, InputStream stream) implements Payload {}
}
