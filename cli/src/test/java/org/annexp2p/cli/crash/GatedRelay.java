package org.annexp2p.cli.crash;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/**
 * A loopback TCP relay between our client and our server that lets through only as many DATA payload bytes as the
 * test says, then holds the rest: a client killed while held has received exactly that much, wherever the kill
 * lands in its own buffering. It also overhears the client's lines, to see the offset a GET asks for and the
 * SUCCESS that ends a download.
 */
final class GatedRelay implements AutoCloseable {

    /** One client connection: its payload allowance and what was seen on it. */
    static final class Session {
        final long payloadAllowance;
        final CountDownLatch held = new CountDownLatch(1);
        final CountDownLatch clientSucceeded = new CountDownLatch(1);
        volatile String getLine;
        volatile String dataLine;

        Session(long payloadAllowance) {
            this.payloadAllowance = payloadAllowance;
        }
    }

    private final ServerSocket listener;
    private final int upstreamPort;
    private volatile Session next;

    GatedRelay(int upstreamPort) throws IOException {
        this.upstreamPort = upstreamPort;
        this.listener = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::acceptLoop, "relay-accept");
        accept.setDaemon(true);
        accept.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** The next connection lets {@code payloadAllowance} payload bytes through (Long.MAX_VALUE: all, and VALID). */
    Session arm(long payloadAllowance) {
        Session s = new Session(payloadAllowance);
        next = s;
        return s;
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
                Session s = next;
                start("relay-up", () -> clientToServer(s, client, server));
                start("relay-down", () -> serverToClient(s, server, client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private static void start(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }

    private static void clientToServer(Session s, Socket client, Socket server) {
        try (client; server) {
            InputStream in = client.getInputStream();
            OutputStream out = server.getOutputStream();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            // Byte by byte is plenty: a downloading client sends a few short lines.
            while ((b = in.read()) >= 0) {
                out.write(b);
                if (b != '\n') {
                    line.write(b);
                    continue;
                }
                out.flush();
                String l = line.toString(StandardCharsets.ISO_8859_1);
                line.reset();
                if (l.startsWith("GET ")) {
                    s.getLine = l;
                } else if (l.equals("SUCCESS")) {
                    s.clientSucceeded.countDown();
                }
            }
        } catch (IOException e) {
            // The client was killed, or the server hung up: both sockets close.
        }
    }

    private static void serverToClient(Session s, Socket server, Socket client) {
        try {
            InputStream in = new BufferedInputStream(server.getInputStream());
            OutputStream out = client.getOutputStream();
            long payload = -1;
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            while (payload < 0) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                out.write(b);
                if (b == '\n') {
                    String l = line.toString(StandardCharsets.ISO_8859_1);
                    line.reset();
                    if (l.startsWith("DATA ")) {
                        s.dataLine = l;
                        payload = Long.parseLong(l.substring(5));
                    }
                } else {
                    line.write(b);
                }
            }
            out.flush();
            long pass = Math.min(payload, s.payloadAllowance);
            byte[] buf = new byte[16 * 1024];
            for (long left = pass; left > 0; ) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) {
                    return;
                }
                out.write(buf, 0, n);
                out.flush();
                left -= n;
            }
            if (s.payloadAllowance != Long.MAX_VALUE) {
                // Hold everything after the allowance (even VALID) until the client is killed and hangs up.
                s.held.countDown();
                return;
            }
            in.transferTo(out);
            client.shutdownOutput(); // the server hung up: so does the relay, towards the client
        } catch (IOException e) {
            // The client was killed: the other direction closes both sockets.
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
