package org.annexp2p.pairing.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import javax.net.ssl.SSLSocket;
import org.annexp2p.transports.Connection;

/** A pinned TLS socket seen as a transport {@link Connection}, so the P2P protocol runs over it unchanged. */
public final class TlsConnection implements Connection {

    private final SSLSocket socket;
    private final InputStream input;
    private final OutputStream output;
    private final String description;

    public TlsConnection(SSLSocket socket) {
        this.socket = socket;
        try {
            this.input = socket.getInputStream();
            this.output = socket.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException("TLS socket is not connected", e);
        }
        this.description = "tls " + socket.getInetAddress().getHostAddress() + ":" + socket.getPort();
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
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing is best effort; readers are unblocked either way.
        }
    }
}
