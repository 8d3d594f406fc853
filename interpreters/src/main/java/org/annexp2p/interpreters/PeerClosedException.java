package org.annexp2p.interpreters;

import java.io.IOException;

/** The peer closed the connection while we were waiting to read from it. */
public final class PeerClosedException extends IOException {
    private static final long serialVersionUID = 1L;

    public PeerClosedException(String message) {
        super(message);
    }
}
