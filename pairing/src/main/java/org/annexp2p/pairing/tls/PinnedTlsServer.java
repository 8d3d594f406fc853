package org.annexp2p.pairing.tls;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/** A TCP listener whose accepted connections are TLS with the client's key checked against the pin. */
public final class PinnedTlsServer implements Closeable {

    private final ServerSocket server;

    PinnedTlsServer(InetSocketAddress bind, SSLContext context) throws IOException {
        SSLServerSocket tlsServer = (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
        tlsServer.setEnabledProtocols(PinnedTls.protocols());
        tlsServer.setNeedClientAuth(true);
        this.server = tlsServer;
        try {
            server.bind(bind);
        } catch (IOException e) {
            server.close();
            throw new IOException("cannot listen on " + PinnedTls.describe(bind) + ": " + e.getMessage(), e);
        }
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    public int port() {
        return server.getLocalPort();
    }

    /**
     * Waits up to {@code timeout} for a client and for its handshake; a client with another key is refused
     * with an {@link IOException} naming it, and the listener stays open for the next one.
     */
    public SSLSocket accept(Duration timeout) throws IOException {
        int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        server.setSoTimeout(millis);
        Socket plain;
        try {
            plain = server.accept();
        } catch (SocketTimeoutException e) {
            throw new IOException("no TLS client connected within " + timeout.toMillis() + " ms", e);
        }
        InetSocketAddress remote = (InetSocketAddress) plain.getRemoteSocketAddress();
        SSLSocket tls = (SSLSocket) plain;
        try {
            tls.setSoTimeout(millis);
            PinnedTls.acceptHandshake(tls);
            tls.setSoTimeout(0);
            return tls;
        } catch (SSLException e) {
            closeQuietly(tls, plain);
            throw PinnedTls.explain("TLS client at " + PinnedTls.describe(remote), e);
        } catch (IOException e) {
            closeQuietly(tls, plain);
            throw new IOException("TLS handshake with client at " + PinnedTls.describe(remote) + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // Nothing is lost by a failed close of a listening socket.
        }
    }

    private static void closeQuietly(Socket tls, Socket plain) {
        try {
            if (tls != null) {
                tls.close();
            }
            plain.close();
        } catch (IOException ignored) {
            // Already failing; the handshake error is the one reported.
        }
    }
}
