package org.annexp2p.pairing.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.Optional;
import javax.net.ssl.SSLSocket;
import org.annexp2p.transports.Connection;
import org.annexp2p.transports.GuardedInputStream;
import org.annexp2p.transports.GuardedOutputStream;

/** A pinned TLS socket seen as a transport {@link Connection}, so the P2P protocol runs over it unchanged. */
public final class TlsConnection implements Connection {

    private final SSLSocket socket;
    private final InputStream input;
    private final OutputStream output;
    private final String description;
    /** Null once the handshake is done (or was done before this connection was made). */
    private volatile Handshake pending;

    public TlsConnection(SSLSocket socket) {
        this(socket, null);
    }

    private TlsConnection(SSLSocket socket, Handshake pending) {
        this.socket = socket;
        this.pending = pending;
        try {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            this.input = pending == null ? in : new GuardedInputStream(in, this::handshake);
            this.output = pending == null ? out : new GuardedOutputStream(out, this::handshake);
        } catch (IOException e) {
            throw new UncheckedIOException("TLS socket is not connected", e);
        }
        this.description = "tls " + socket.getInetAddress().getHostAddress() + ":" + socket.getPort();
    }

    /**
     * A client from {@link PinnedTlsServer#acceptBeforeHandshake}: the server side of the handshake (the pin check
     * included) runs on the first read or write, on the thread that serves the connection, so that a client that is
     * slow to handshake, or never does, holds up only its own connection — which its server may close at a deadline.
     */
    public static TlsConnection handshakingOnFirstUse(SSLSocket accepted) {
        return new TlsConnection(accepted, new Handshake(accepted));
    }

    private void handshake() throws IOException {
        Handshake h = pending;
        if (h != null) {
            h.run();
            pending = null;
        }
    }

    /** The server side of one handshake, run once; a failure is given again to every later use. */
    private static final class Handshake {
        private final SSLSocket socket;
        private boolean done;
        private IOException failure;

        Handshake(SSLSocket socket) {
            this.socket = socket;
        }

        synchronized void run() throws IOException {
            if (failure != null) {
                throw new IOException(failure.getMessage(), failure);
            }
            if (!done) {
                try {
                    PinnedTlsServer.handshake(socket);
                    done = true;
                } catch (IOException e) {
                    failure = e;
                    throw e;
                }
            }
        }
    }

    @Override
    public InputStream input() {
        return input;
    }

    @Override
    public OutputStream output() {
        return output;
    }

    /** Sends TLS 1.3 close_notify for our direction only; the peer can still write to us. */
    @Override
    public void shutdownOutput() throws IOException {
        output.flush();
        socket.shutdownOutput();
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public Optional<InetAddress> remoteAddress() {
        return Optional.ofNullable(socket.getInetAddress());
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing is best effort; readers are unblocked either way.
        }
    }
}
