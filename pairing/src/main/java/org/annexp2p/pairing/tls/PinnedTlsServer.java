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
        SSLSocket tls = acceptBeforeHandshake(timeout);
        tls.setSoTimeout(millis(timeout));
        handshake(tls);
        tls.setSoTimeout(0);
        return tls;
    }

    /**
     * Waits up to {@code timeout} for a client and returns it before any handshake: a server that must keep
     * accepting while one client is slow (or never speaks) runs {@link #handshake} on that client's own thread,
     * as {@link TlsConnection#handshakingOnFirstUse} does.
     */
    public SSLSocket acceptBeforeHandshake(Duration timeout) throws IOException {
        server.setSoTimeout(millis(timeout));
        try {
            return (SSLSocket) server.accept();
        } catch (SocketTimeoutException e) {
            throw new IOException("no TLS client connected within " + timeout.toMillis() + " ms", e);
        }
    }

    /**
     * The server side of the handshake with an accepted client: the client's key is checked against the pin, and a
     * refused client is closed and reported with an {@link IOException} naming it.
     */
    static void handshake(SSLSocket tls) throws IOException {
        InetSocketAddress remote = (InetSocketAddress) tls.getRemoteSocketAddress();
        try {
            PinnedTls.acceptHandshake(tls);
        } catch (SSLException e) {
            closeQuietly(tls);
            throw PinnedTls.explain("TLS client at " + PinnedTls.describe(remote), e);
        } catch (IOException e) {
            closeQuietly(tls);
            throw new IOException("TLS handshake with client at " + PinnedTls.describe(remote) + " failed: " + e.getMessage(), e);
        }
    }

    private static int millis(Duration timeout) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // Nothing is lost by a failed close of a listening socket.
        }
    }

    private static void closeQuietly(Socket tls) {
        try {
            tls.close();
        } catch (IOException ignored) {
            // Already failing; the handshake error is the one reported.
        }
    }
}
