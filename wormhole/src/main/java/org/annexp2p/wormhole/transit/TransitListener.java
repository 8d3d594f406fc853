package org.annexp2p.wormhole.transit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;

/**
 * A listening socket for direct Transit connections and the hints that advertise it. When every
 * address to advertise is a loopback one, it binds to loopback only, so tests never expose a port.
 */
public final class TransitListener implements AutoCloseable {

    private final ServerSocket server;
    private final List<TcpHint> hints;

    private TransitListener(ServerSocket server, List<TcpHint> hints) {
        this.server = server;
        this.hints = List.copyOf(hints);
    }

    public static TransitListener open(List<InetAddress> advertise) throws IOException {
        if (advertise.isEmpty()) {
            throw new IllegalArgumentException("no address to advertise");
        }
        boolean loopbackOnly = advertise.stream().allMatch(InetAddress::isLoopbackAddress);
        ServerSocket server = new ServerSocket();
        server.bind(loopbackOnly ? new InetSocketAddress(advertise.get(0), 0) : new InetSocketAddress(0));
        int port = server.getLocalPort();
        return new TransitListener(server, advertise.stream()
                .map(a -> new TcpHint(a.getHostAddress(), port, 0.0))
                .toList());
    }

    public List<TcpHint> hints() {
        return hints;
    }

    Socket accept() throws IOException {
        return server.accept();
    }

    boolean isClosed() {
        return server.isClosed();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }
}
