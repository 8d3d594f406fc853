package org.annexp2p.testkit.peers;

import java.io.IOException;
import java.util.List;
import org.annexp2p.interpreters.Serving;
import org.annexp2p.interpreters.net.Relays;
import org.annexp2p.interpreters.net.Transcript;
import org.annexp2p.protocol.conversation.ServerMode;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.repository.Repository;
import org.annexp2p.transports.ConnectionHandler;
import org.annexp2p.transports.ConnectionServer;
import org.annexp2p.transports.Listener;
import org.annexp2p.transports.ServerOptions;
import org.annexp2p.transports.tcp.TcpTransport;

/**
 * A fake peer: a repository served by the real protocol server ({@link Serving}, read-write, no git relays) to the
 * holders of one token, on loopback TCP or on a listener the test brings (in-memory, unix socket, a plugin's).
 */
public final class ServedRepository implements AutoCloseable {
    private static final ServerOptions OPTIONS = ServerOptions.of(8, "ERROR too many connections\n");

    private final ConnectionServer server;
    private final Runnable owned;

    private ServedRepository(ConnectionServer server, Runnable owned) {
        this.server = server;
        this.owned = owned;
    }

    /** The server a served repository runs: read-write, accepting {@code token}, relaying no git, logging nothing. */
    public static Serving serving(Repository repository, AuthToken token) {
        return new Serving(repository, ServerMode.READ_WRITE, () -> List.of(token), Relays.NONE, Transcript.NONE);
    }

    /** {@code repository} served on 127.0.0.1 at a free port, through a TCP transport of its own. */
    public static ServedRepository onLoopback(Repository repository, AuthToken token) throws IOException {
        TcpTransport tcp = new TcpTransport();
        try {
            return new ServedRepository(ConnectionServer.start(tcp.listen("127.0.0.1:0"), serving(repository, token), OPTIONS), tcp::close);
        } catch (IOException | RuntimeException e) {
            tcp.close();
            throw e;
        }
    }

    /** {@code repository} served on {@code listener}, which the test owns (the server closes it when it stops). */
    public static ServedRepository on(Listener listener, Repository repository, AuthToken token) {
        return on(listener, serving(repository, token));
    }

    /** A handler (a {@link #serving} wrapped, say, to count connections) served on {@code listener}. */
    public static ServedRepository on(Listener listener, ConnectionHandler handler) {
        return new ServedRepository(ConnectionServer.start(listener, handler, OPTIONS), () -> { });
    }

    /** What the listener says it is: {@code 127.0.0.1:PORT} for loopback TCP. */
    public String address() {
        return server.address();
    }

    /** The port at the end of {@link #address()}. */
    public int port() {
        String address = address();
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            owned.run();
        }
    }
}
