package org.annexp2p.transports;

import java.io.Closeable;
import java.io.IOException;

/** The accepting side of a transport. */
public interface Listener extends Closeable {

    /** Blocks until a peer connects; throws {@link java.io.IOException} once the listener is closed. */
    Connection accept() throws IOException;

    /** Where peers can reach this listener, in the form the matching dialer accepts (e.g. {@code 127.0.0.1:4242}). */
    String address();

    /** Stops accepting; connections already accepted are not affected. Idempotent. */
    @Override
    void close();
}
