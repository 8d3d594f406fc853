package org.annexp2p.testkit.content;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import org.annexp2p.protocol.program.Payload;
import org.annexp2p.protocol.wire.Len;

/** DATA as a peer sends it: an announced length, and a stream that may hold fewer (peer died) or more bytes. */
public record TestPayload(Len length, InputStream stream) implements Payload {
    public static TestPayload of(byte[] bytes) {
        return new TestPayload(Len.of(bytes.length), new ByteArrayInputStream(bytes));
    }

    /** Announces {@code announced} bytes but delivers only {@code bytes}. */
    public static TestPayload truncated(long announced, byte[] bytes) {
        return new TestPayload(Len.of(announced), new ByteArrayInputStream(bytes));
    }
}
