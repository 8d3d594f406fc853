package org.annexp2p.transports;

/**
 * Serves one accepted connection for a {@link ConnectionServer}. The server closes the connection after
 * this returns or throws; an exception is logged with the connection's description and ends only this
 * connection.
 *
 * <p>A connection arrives unauthenticated: the handler authenticates the peer and reports it through
 * {@code admission} (see {@link Admission}). A handler whose peers need no authentication says so with
 * {@link #withoutAuthentication}.
 */
@FunctionalInterface
public interface ConnectionHandler {

    void handle(Connection connection, Admission admission) throws Exception;

    /** The body of a handler for connections whose peers need not authenticate. */
    @FunctionalInterface
    interface Trusted {
        void handle(Connection connection) throws Exception;
    }

    /**
     * For peers that were authenticated before they reached the server, or need not be: each connection takes an
     * authenticated slot on arrival (or is refused if none is free), then {@code body} serves it without a deadline.
     */
    static ConnectionHandler withoutAuthentication(Trusted body) {
        return (connection, admission) -> {
            if (admission.authenticated()) {
                body.handle(connection);
            }
        };
    }
}
