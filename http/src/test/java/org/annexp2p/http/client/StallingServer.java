package org.annexp2p.http.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * A p2phttp server that stops: each connection is handed, after its request head, to a {@link Script} that may
 * answer part of it and then go quiet, stop reading an upload, or trickle. Connections are closed with the server.
 */
final class StallingServer implements AutoCloseable {
    interface Script {
        /** {@code closed} opens when the server closes: awaiting it is how a script says nothing more. */
        void serve(String requestLine, InputStream in, OutputStream out, CountDownLatch closed) throws Exception;
    }

    private final ServerSocket socket;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);

    StallingServer(Script script) throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket s = socket.accept();
                    accepted.add(s);
                    Thread each = new Thread(() -> {
                        try (s) {
                            script.serve(StubServer.head(s.getInputStream()), s.getInputStream(), s.getOutputStream(), closed);
                        } catch (Exception e) {
                            // the client gave up, or the server closed: the script is over
                        }
                    });
                    each.setDaemon(true);
                    each.start();
                } catch (IOException e) {
                    // closed
                }
            }
        });
        t.setDaemon(true);
        t.start();
    }

    /** Waits at most {@code bound} for the server's close; whether it closed. */
    boolean awaitClosed(java.time.Duration bound) throws java.io.InterruptedIOException {
        try {
            return closed.await(bound.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException();
        }
    }

    int port() {
        return socket.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        closed.countDown();
        socket.close();
        for (Socket s : accepted) {
            s.close();
        }
    }
}
