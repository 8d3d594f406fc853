package org.annexp2p.transports;

/**
 * An authenticated connection's handler, set aside while its peer is idle (see {@link Admission#park}): the
 * server holds it, and the connection's slot, without a thread until the peer sends something or goes away.
 */
public interface Parked {

    /**
     * Goes on serving the connection, on a thread of the server's, now that reading it would not block. It runs as
     * the handler did: the server closes the connection when it returns, unless it parked the connection again.
     */
    void resume() throws Exception;

    /** The server closes the connection without resuming it (it is shutting down): release what the handler holds. */
    void abandon();
}
