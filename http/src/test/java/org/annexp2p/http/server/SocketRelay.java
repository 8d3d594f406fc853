package org.annexp2p.http.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a reverse proxy does for a unix-socket server, byte for byte: each connection to a loopback TCP port is
 * relayed to the socket. Lets a client that only dials TCP (java.net.http, so ours) reach the server through it.
 */
final class SocketRelay implements AutoCloseable {
    private final ServerSocketChannel listener;
    private final UnixDomainSocketAddress socket;

    SocketRelay(Path socket) throws IOException {
        this.socket = UnixDomainSocketAddress.of(socket);
        listener = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread accepting = new Thread(this::accept, "socket-relay");
        accepting.setDaemon(true);
        accepting.start();
    }

    int port() throws IOException {
        return ((InetSocketAddress) listener.getLocalAddress()).getPort();
    }

    private void accept() {
        try {
            while (true) {
                SocketChannel tcp = listener.accept();
                SocketChannel unix = SocketChannel.open(StandardProtocolFamily.UNIX);
                unix.connect(socket);
                AtomicInteger running = new AtomicInteger(2);
                pump(tcp, unix, running);
                pump(unix, tcp, running);
            }
        } catch (IOException closed) {
            // The relay was closed.
        }
    }

    /** Copies one way; the last of a connection's two pumps to end closes both channels. */
    private static void pump(SocketChannel from, SocketChannel to, AtomicInteger running) {
        Thread t = new Thread(() -> {
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            try {
                while (from.read(buffer) >= 0) {
                    buffer.flip();
                    while (buffer.hasRemaining()) {
                        to.write(buffer);
                    }
                    buffer.clear();
                }
                to.shutdownOutput();
            } catch (IOException e) {
                running.set(1);
            }
            if (running.decrementAndGet() == 0) {
                close(from);
                close(to);
            }
        }, "socket-relay-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void close(SocketChannel c) {
        try {
            c.close();
        } catch (IOException e) {
            // Closing anyway.
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
