package org.annexp2p.web.transfers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * A loopback TCP proxy that passes the server's first {@code allowance} bytes to the client (and the client's first
 * {@code upAllowance} to the server) and then holds the rest until released: a transfer through it is reliably still
 * running when a test acts on it.
 */
final class StallingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final long allowance;
    private final long upAllowance;
    private final CountDownLatch released = new CountDownLatch(1);
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    StallingProxy(InetSocketAddress target, long allowance) throws IOException {
        this(target, allowance, Long.MAX_VALUE);
    }

    StallingProxy(InetSocketAddress target, long allowance, long upAllowance) throws IOException {
        this.upAllowance = upAllowance;
        this.listener = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        this.target = target;
        this.allowance = allowance;
        Thread accept = new Thread(this::accept, "stalling-proxy");
        accept.setDaemon(true);
        accept.start();
    }

    String address() {
        return "tcp://127.0.0.1:" + listener.getLocalPort();
    }

    void release() {
        released.countDown();
    }

    private void accept() {
        try {
            while (true) {
                Socket client = listener.accept();
                Socket server = new Socket(target.getAddress(), target.getPort());
                sockets.add(client);
                sockets.add(server);
                pump(client.getInputStream(), server.getOutputStream(), upAllowance);
                pump(server.getInputStream(), client.getOutputStream(), allowance);
            }
        } catch (IOException e) {
            // closed
        }
    }

    private void pump(InputStream in, OutputStream out, long free) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[8192];
            long passed = 0;
            try {
                int n;
                while ((n = in.read(buffer, 0, (int) Math.min(buffer.length, Math.max(1, free - passed)))) > 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                    passed += n;
                    if (passed >= free) {
                        released.await();
                    }
                }
            } catch (IOException | InterruptedException e) {
                // one side closed
            } finally {
                sockets.forEach(s -> {
                    try {
                        s.close();
                    } catch (IOException ignored) {
                        // closing anyway
                    }
                });
            }
        }, "stalling-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        release();
        listener.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
