package org.annexp2p.transports;

/**
 * Serves one accepted connection for a {@link ConnectionServer}. The server closes the connection after
 * this returns or throws; an exception is logged with the connection's description and ends only this
 * connection.
 */
@FunctionalInterface
public interface ConnectionHandler {

    void handle(Connection connection) throws Exception;
}
