package org.annexp2p.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A P2P server played by hand on loopback, one connection at a time: it answers AUTH and VERSION (1) like any
 * server, then does what the test's script says — send part of a payload and hang up, send wrong bytes, say
 * nothing at all. What it heard comes back to the test.
 */
final class HandPlayedPeer implements AutoCloseable {
    static final String UUID = "7d4c2b1a-0e9f-4a8b-b7c6-d5e4f3a2b1c0";

    /** One connection's part after the handshake. */
    @FunctionalInterface
    interface Script {
        /** {@code request} is the client's first line after VERSION; returns what the test wants to know. */
        String play(String request, InputStream in, OutputStream out) throws IOException;
    }

    private final ServerSocket listener;

    HandPlayedPeer() throws IOException {
        listener = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
    }

    String address() {
        return "tcp://127.0.0.1:" + listener.getLocalPort();
    }

    /** Serves the next connection with {@code script}; the future holds what the script returned. */
    CompletableFuture<String> next(Script script) {
        CompletableFuture<String> heard = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try (Socket s = listener.accept()) {
                s.setSoTimeout((int) TimeUnit.SECONDS.toMillis(60));
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                line(in); // AUTH uuid token
                send(out, "AUTH-SUCCESS " + UUID);
                line(in); // VERSION n
                send(out, "VERSION 1");
                heard.complete(script.play(line(in), in, out));
            } catch (IOException | RuntimeException e) {
                heard.completeExceptionally(e);
            }
        }, "hand-played peer");
        t.setDaemon(true);
        t.start();
        return heard;
    }

    static void send(OutputStream out, String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("the client hung up");
            }
            b.write(c);
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
