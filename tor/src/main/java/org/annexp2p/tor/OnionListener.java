package org.annexp2p.tor;

import java.io.IOException;
import java.nio.file.Path;
import org.annexp2p.repository.creds.PrivateFile;
import org.annexp2p.tor.local.UnixSocketListener;
import org.annexp2p.tor.onion.OnionTarget;
import org.annexp2p.transports.Connection;
import org.annexp2p.transports.Listener;
import org.annexp2p.transports.tcp.TcpAddress;

/**
 * A listener reachable as an onion: a local listener (loopback TCP or unix socket) plus an onion service that
 * forwards to it. {@link #address()} is {@code ONION.onion:PORT}, what {@link org.annexp2p.tor.socks.OnionDialer}
 * dials. Closing removes the onion and closes the local listener.
 */
public final class OnionListener implements Listener {

    private final Listener local;
    private final OnionService service;

    private OnionListener(Listener local, OnionService service) {
        this.local = local;
        this.service = service;
    }

    /** Listens on a fresh loopback port and publishes it as {@code virtualPort} of the onion in {@code keyFile}. */
    public static OnionListener open(TorSession session, PrivateFile keyFile, int virtualPort) throws IOException {
        LoopbackListener local = new LoopbackListener(0);
        try {
            return over(session, keyFile, virtualPort, local, new OnionTarget.LocalPort(local.port()));
        } catch (IOException | RuntimeException e) {
            local.close();
            throw e;
        }
    }

    /**
     * Listens on the unix socket {@code socket} and publishes it: only processes allowed into the socket's
     * directory can bypass tor, unlike with a loopback port.
     */
    public static OnionListener openUnix(TorSession session, PrivateFile keyFile, int virtualPort, Path socket) throws IOException {
        UnixSocketListener local = UnixSocketListener.bind(socket);
        try {
            return over(session, keyFile, virtualPort, local, new OnionTarget.UnixSocket(local.path()));
        } catch (IOException | RuntimeException e) {
            local.close();
            throw e;
        }
    }

    /**
     * Publishes {@code loopback}, a listener on 127.0.0.1 (any transport's, e.g. Netty's TCP one), as tor reaches it
     * at its address; closing the onion listener closes it.
     */
    public static OnionListener overLoopback(TorSession session, PrivateFile keyFile, int virtualPort, Listener loopback)
            throws TorException {
        TcpAddress at = TcpAddress.parse(loopback.address());
        if (!at.host().equals("127.0.0.1")) {
            throw new IllegalArgumentException("an onion's local listener must be on 127.0.0.1, not " + loopback.address());
        }
        return over(session, keyFile, virtualPort, loopback, new OnionTarget.LocalPort(at.port()));
    }

    /** Publishes an existing local listener, which must be reachable by tor at {@code target}. */
    public static OnionListener over(TorSession session, PrivateFile keyFile, int virtualPort, Listener local,
            OnionTarget target) throws TorException {
        return new OnionListener(local, session.publish(keyFile, virtualPort, target));
    }

    public OnionService service() {
        return service;
    }

    @Override
    public Connection accept() throws IOException {
        return local.accept();
    }

    @Override
    public String address() {
        return service.address().hostname() + ":" + service.virtualPort();
    }

    @Override
    public void close() {
        service.close();
        local.close();
    }
}
