package org.annexp2p.cli.pairing;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for tor's SOCKS port: a SOCKS5 CONNECT to a known onion name is piped to the local TCP port
 * registered for it (the repository served there); an unknown onion gets "host unreachable", as tor says.
 */
final class OnionSocks implements AutoCloseable {
    private final ServerSocket server;
    private final Map<String, Integer> routes = new ConcurrentHashMap<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    final List<String> requested = new CopyOnWriteArrayList<>();

    OnionSocks() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::acceptLoop, "onion-socks");
        t.setDaemon(true);
        t.start();
    }

    void route(String onionHostname, int localPort) {
        routes.put(onionHostname, localPort);
    }

    String address() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                open.add(s);
                Thread t = new Thread(() -> serve(s), "onion-socks-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            client.setSoTimeout(30_000);
            DataInputStream in = new DataInputStream(client.getInputStream());
            OutputStream out = client.getOutputStream();
            if (in.readUnsignedByte() != 5) {
                return;
            }
            in.readFully(new byte[in.readUnsignedByte()]);
            out.write(new byte[] {5, 0});
            byte[] head = new byte[4];
            in.readFully(head);
            if (head[1] != 1 || head[3] != 3) {
                out.write(new byte[] {5, 7, 0, 1, 0, 0, 0, 0, 0, 0});
                return;
            }
            byte[] host = new byte[in.readUnsignedByte()];
            in.readFully(host);
            int port = in.readUnsignedShort();
            String name = new String(host, StandardCharsets.US_ASCII);
            requested.add(name + ":" + port);
            Integer target = routes.get(name);
            if (target == null) {
                out.write(new byte[] {5, 4, 0, 1, 0, 0, 0, 0, 0, 0});
                return;
            }
            try (Socket upstream = new Socket()) {
                open.add(upstream);
                try {
                    upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), target), 5_000);
                } catch (IOException e) {
                    out.write(new byte[] {5, 5, 0, 1, 0, 0, 0, 0, 0, 0});
                    return;
                }
                out.write(new byte[] {5, 0, 0, 1, 127, 0, 0, 1, 0, 0});
                out.flush();
                client.setSoTimeout(0);
                Thread up = pump(in, upstream.getOutputStream(), upstream);
                pump(upstream.getInputStream(), out, client).join();
                up.join(5_000);
            }
        } catch (IOException | InterruptedException e) {
            // One side hung up.
        }
    }

    private static Thread pump(InputStream from, OutputStream to, Socket toSocket) {
        Thread t = new Thread(() -> {
            try {
                from.transferTo(to);
                toSocket.shutdownOutput();
            } catch (IOException e) {
                // Closed.
            }
        }, "onion-socks-pump");
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : open) {
            s.close();
        }
    }
}
