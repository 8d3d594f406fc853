package org.annexp2p.web.browser;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A loopback TCP relay to {@code target} that passes what either side sends at no more than a given rate, so that a
 * transfer either way lasts long enough on loopback to be watched (a slow network, in short).
 */
final class SlowLink implements AutoCloseable {
    private static final int CHUNK = 16 * 1024;

    private final ServerSocket server;
    private final int target;
    private final long bytesPerSecond;
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    SlowLink(int target, long bytesPerSecond) throws IOException {
        this.target = target;
        this.bytesPerSecond = bytesPerSecond;
        server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        thread("slow-link-accept", this::accept).start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket();
                upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), target), 10_000);
                open.add(client);
                open.add(upstream);
                thread("slow-link-up", () -> pipe(client, upstream, bytesPerSecond)).start();
                thread("slow-link-down", () -> pipe(upstream, client, bytesPerSecond)).start();
            } catch (IOException e) {
                // closed, or a connection that failed: the next one is accepted
            }
        }
    }

    private static void pipe(Socket from, Socket to, long rate) {
        byte[] buffer = new byte[CHUNK];
        long start = System.nanoTime();
        long sent = 0;
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
                out.flush();
                sent += n;
                long due = start + TimeUnit.SECONDS.toNanos(1) * sent / rate;
                while (rate != Long.MAX_VALUE && System.nanoTime() < due) {
                    LockSupport.parkNanos(due - System.nanoTime());
                }
            }
        } catch (IOException e) {
            // one side closed: so does the other
        } finally {
            close(from);
            close(to);
        }
    }

    private static Thread thread(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        return t;
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        open.forEach(SlowLink::close);
    }
}
