package org.annexp2p.tor;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.annexp2p.transports.Connection;
import org.annexp2p.transports.Listener;

/**
 * A plain blocking TCP listener on 127.0.0.1 for tor to forward onion connections to. Blocking sockets give
 * backpressure for free; only tor ever connects here.
 */
final class LoopbackListener implements Listener {

    private final ServerSocket server;

    LoopbackListener(int port) throws IOException {
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
    }

    int port() {
        return server.getLocalPort();
    }

    @Override
    public Connection accept() throws IOException {
        Socket s = server.accept();
        s.setTcpNoDelay(true);
        return new SocketConnection(s);
    }

    @Override
    public String address() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    private record SocketConnection(Socket socket, InputStream input, OutputStream output) implements Connection {
        SocketConnection(Socket socket) throws IOException {
            this(socket, socket.getInputStream(), socket.getOutputStream());
        }

        @Override
        public void shutdownOutput() throws IOException {
            output.flush();
            socket.shutdownOutput();
        }

        @Override
        public String description() {
            return "onion peer via tor (loopback port " + socket.getLocalPort() + ")";
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing is best effort
            }
        }
    }
}
