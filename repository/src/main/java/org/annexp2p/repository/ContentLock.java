package org.annexp2p.repository;

import org.annexp2p.protocol.key.Key;

/** A shared lock that keeps content from being removed until closed. */
public interface ContentLock extends AutoCloseable {
    Key key();

    /** Releases the lock; closing twice is harmless. */
    @Override
    void close();
}
