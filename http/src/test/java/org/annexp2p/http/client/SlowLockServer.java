package org.annexp2p.http.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A p2phttp server that orders a lock's events as git-annex's does, slowly: lockcontent locks; keeplocked comes to
 * its handler only after {@code late} (git-annex schedules its request threads as it can), reads the body's lines
 * and answers the long poll only once it let go of the lock, at {@code {"unlock":true}} or the body's end. What
 * happened is in {@link #events}: {@code locked}, {@code keeping}, {@code unlocked}, in order. A {@link #silent} one
 * takes every request and never answers any.
 */
final class SlowLockServer implements AutoCloseable {
    final List<String> events = new CopyOnWriteArrayList<>();
    private final ServerSocket socket;
    private final Duration late;
    private final boolean silent;

    private SlowLockServer(Duration late, boolean silent) throws IOException {
        this.late = late;
        this.silent = silent;
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket s = socket.accept();
                    Thread each = new Thread(() -> answer(s));
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

    static SlowLockServer late(Duration late) throws IOException {
        return new SlowLockServer(late, false);
    }

    static SlowLockServer silent() throws IOException {
        return new SlowLockServer(Duration.ZERO, true);
    }

    int port() {
        return socket.getLocalPort();
    }

    private void answer(Socket s) {
        try (s) {
            InputStream in = s.getInputStream();
            String line = StubServer.head(in);
            OutputStream out = s.getOutputStream();
            if (silent) {
                events.add("silent");
                in.transferTo(OutputStream.nullOutputStream());
            } else if (line.contains("/lockcontent?")) {
                events.add("locked");
                out.write(StubServer.json("{\"locked\":true,\"lockid\":\"lock-1\"}"));
            } else if (line.contains("/keeplocked?")) {
                Thread.sleep(late.toMillis());
                events.add("keeping");
                untilUnlock(in);
                events.add("unlocked");
                out.write(StubServer.json("{\"locked\":false}"));
            } else {
                out.write(StubServer.response("404 Not Found", "Content-Length: 0\r\n", new byte[0]));
            }
            out.flush();
        } catch (IOException | InterruptedException e) {
            // a client that went away: as git-annex, nothing to answer
        }
    }

    /** Reads the chunked body until its unlock line or its end (either lets go of the lock). */
    private static void untilUnlock(InputStream in) throws IOException {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            seen.write(c);
            String s = seen.toString(StandardCharsets.ISO_8859_1);
            if (s.contains("\"unlock\":true") || s.endsWith("\r\n0\r\n\r\n")) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
