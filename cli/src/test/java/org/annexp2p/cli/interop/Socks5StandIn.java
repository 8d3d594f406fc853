package org.annexp2p.cli.interop;

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
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for tor's SOCKS port on 127.0.0.1: accepts git-annex's SOCKS5 CONNECT to any onion address (no
 * authentication, domain name), records what was asked, and pipes the stream to a local TCP server.
 */
final class Socks5StandIn implements AutoCloseable {
    private final ServerSocket server;
    private final int targetPort;
    final List<String> requested = new CopyOnWriteArrayList<>();

    Socks5StandIn(int port, int targetPort) throws IOException {
        this.server = new ServerSocket();
        this.server.setReuseAddress(true);
        this.server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        this.targetPort = targetPort;
        Thread t = new Thread(this::acceptLoop, "socks-stand-in");
        t.setDaemon(true);
        t.start();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread t = new Thread(() -> serve(s), "socks-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client; Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort)) {
            client.setSoTimeout(60_000);
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
            requested.add(new String(host, StandardCharsets.US_ASCII) + ":" + port);
            out.write(new byte[] {5, 0, 0, 1, 127, 0, 0, 1, 0, 0});
            out.flush();
            client.setSoTimeout(0);
            Thread up = pump(in, target.getOutputStream(), target);
            pump(target.getInputStream(), out, client).join();
            up.join(5_000);
        } catch (IOException | InterruptedException e) {
            // The peer hung up.
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
        }, "socks-pump");
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
