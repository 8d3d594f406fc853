package org.annexp2p.tor.testing;

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
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for tor's SOCKS port on loopback, for tests that need an onion dial without a Tor network: a
 * SOCKS5 CONNECT by domain name (what tor clients send for onions) is piped to the local TCP port routed for
 * that name, or to the catch-all port; an unknown name gets "host unreachable" (reply 4), as from tor. Unlike
 * tor, the pipe keeps half-closes, so it can carry the whole transport contract.
 */
public final class SocksStandIn implements AutoCloseable {
    private final ServerSocket server;
    private final Map<String, Integer> routes = new ConcurrentHashMap<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile OptionalInt everything = OptionalInt.empty();
    /** Every {@code host:port} asked for, in order. */
    public final List<String> requested = new CopyOnWriteArrayList<>();

    /** Listens on 127.0.0.1:{@code port}; 0 picks a free port. */
    public SocksStandIn(int port) throws IOException {
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        Thread t = new Thread(this::acceptLoop, "socks-stand-in");
        t.setDaemon(true);
        t.start();
    }

    /** Pipes CONNECTs to {@code hostname} (any port) to 127.0.0.1:{@code localPort}. */
    public SocksStandIn route(String hostname, int localPort) {
        routes.put(hostname, localPort);
        return this;
    }

    /** Pipes CONNECTs to names without their own route to 127.0.0.1:{@code localPort}. */
    public SocksStandIn routeEverything(int localPort) {
        everything = OptionalInt.of(localPort);
        return this;
    }

    public InetSocketAddress socketAddress() {
        return new InetSocketAddress("127.0.0.1", server.getLocalPort());
    }

    /** {@code 127.0.0.1:PORT}. */
    public String address() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                open.add(s);
                Thread t = new Thread(() -> serve(s), "socks-stand-in-conn");
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
                reply(out, 7);
                return;
            }
            byte[] host = new byte[in.readUnsignedByte()];
            in.readFully(host);
            int port = in.readUnsignedShort();
            String name = new String(host, StandardCharsets.US_ASCII);
            requested.add(name + ":" + port);
            Integer target = routes.get(name);
            if (target == null && everything.isPresent()) {
                target = everything.getAsInt();
            }
            if (target == null) {
                reply(out, 4);
                return;
            }
            try (Socket upstream = new Socket()) {
                open.add(upstream);
                try {
                    upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), target), 5_000);
                } catch (IOException e) {
                    reply(out, 5);
                    return;
                }
                reply(out, 0);
                client.setSoTimeout(0);
                Thread up = pump(in, upstream.getOutputStream(), upstream);
                pump(upstream.getInputStream(), out, client).join();
                up.join();
            }
        } catch (IOException | InterruptedException e) {
            // One side hung up.
        }
    }

    private static void reply(OutputStream out, int status) throws IOException {
        out.write(new byte[] {5, (byte) status, 0, 1, (byte) (status == 0 ? 127 : 0), 0, 0, (byte) (status == 0 ? 1 : 0), 0, 0});
        out.flush();
    }

    /** Copies until end of stream, then passes the half-close on. */
    private static Thread pump(InputStream from, OutputStream to, Socket toSocket) {
        Thread t = new Thread(() -> {
            try {
                from.transferTo(to);
                toSocket.shutdownOutput();
            } catch (IOException e) {
                // Closed.
            }
        }, "socks-stand-in-pump");
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
