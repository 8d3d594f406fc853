package org.annexp2p.http.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A p2phttp server that is not one: answers each request line with a canned raw response, for what ours never sends. */
final class StubServer implements AutoCloseable {
    final List<String> requests = new CopyOnWriteArrayList<>();
    private final ServerSocket socket;

    StubServer(Function<String, byte[]> answer) throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!socket.isClosed()) {
                try (Socket s = socket.accept()) {
                    String line = head(s.getInputStream());
                    requests.add(line);
                    OutputStream out = s.getOutputStream();
                    out.write(answer.apply(line));
                    out.flush();
                } catch (IOException e) {
                    // closed, or a client that went away: next connection
                }
            }
        });
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    static byte[] response(String status, String headers, byte[] body) {
        byte[] head = ("HTTP/1.1 " + status + "\r\nConnection: close\r\n" + headers + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    static byte[] json(String json) {
        return response("200 OK", "Content-Type: application/json\r\nContent-Length: " + json.length() + "\r\n",
                json.getBytes(StandardCharsets.US_ASCII));
    }

    /** Reads the request head and returns its first line. */
    static String head(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            b.write(c);
            String s = b.toString(StandardCharsets.ISO_8859_1);
            if (s.endsWith("\r\n\r\n")) {
                return s.substring(0, s.indexOf("\r\n"));
            }
        }
        throw new IOException("the request ended in its head");
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
