package org.annexp2p.http.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Clients that go away in the middle of a transfer, with a reset, as a killed process or a dropped network does. */
final class CutClients {
    private CutClients() {}

    /** Asks for {@code path}, reads {@code bytes} of the answer (less if it ends sooner), and resets the connection. */
    static void getThenCut(int port, String path, int bytes) throws IOException {
        try (Socket s = open(port)) {
            send(s, "GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n");
            InputStream in = s.getInputStream();
            byte[] buf = new byte[8192];
            for (int read = 0, n; read < bytes && (n = in.read(buf)) >= 0; read += n) {
                // Reading only: the point is to vanish mid-body.
            }
        }
    }

    /** Announces {@code content} as a PUT body, sends the first {@code bytes} of it, and resets the connection. */
    static void putThenCut(int port, String path, byte[] content, int bytes) throws IOException {
        try (Socket s = open(port)) {
            send(s, "POST " + path + " HTTP/1.1\r\nHost: x\r\nX-git-annex-data-length: " + content.length
                    + "\r\nContent-Length: " + content.length + "\r\n\r\n");
            s.getOutputStream().write(content, 0, bytes);
            s.getOutputStream().flush();
        }
    }

    private static Socket open(int port) throws IOException {
        Socket s = new Socket("127.0.0.1", port);
        s.setSoTimeout(30_000);
        s.setSoLinger(true, 0);
        return s;
    }

    private static void send(Socket s, String head) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
