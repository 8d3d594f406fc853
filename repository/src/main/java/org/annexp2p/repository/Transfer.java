package org.annexp2p.repository;

import io.vavr.control.Option;
import java.io.IOException;
import java.io.InputStream;
import org.annexp2p.protocol.wire.Len;
import org.annexp2p.protocol.wire.Offset;
import org.annexp2p.protocol.wire.Validity;

/**
 * One receipt of content into a destination: written (and hashed) as it arrives, then finished — verified and
 * made visible, or refused. Closing without finishing keeps the partial copy for a later resume.
 */
public interface Transfer extends AutoCloseable {

    /**
     * Writes up to {@code length} bytes from {@code in} at {@code offset} of the partial copy, consuming them
     * all; bytes past the key's declared size are read and dropped (and the transfer then fails). Returns the
     * bytes stored. An early end of {@code in} leaves what arrived, for resuming.
     */
    Len write(Offset offset, Len length, InputStream in) throws IOException;

    /**
     * With everything announced received: verifies (reusing the incremental hash when {@code validity} is
     * VALID, hashing the whole copy otherwise) and moves the content into place atomically. Bad content is
     * discarded; an incomplete copy is kept. Releases the destination.
     */
    boolean finish(Option<Validity> validity) throws IOException;

    /** Releases the destination without finishing. */
    @Override
    void close();
}
