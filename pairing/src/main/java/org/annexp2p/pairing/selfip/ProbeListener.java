package org.annexp2p.pairing.selfip;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.annexp2p.pairing.listen.CallAcceptor;

/**
 * A TCP listener that records inbound probe calls: each call names the address it targeted and carries a
 * random code; the listener notes which local address the call really arrived on. A probe to address X that
 * arrives, on X, with our code proves X reaches us.
 *
 * <p>Line protocol: the caller sends {@code PROBE <target-ip> <code>\n}, the listener answers
 * {@code SEEN <arrived-on-ip>\n}. One daemon thread serves calls one at a time; each is bounded by a read timeout.
 */
final class ProbeListener implements Closeable {

    /** What the listener saw for one code. */
    public record Arrival(InetAddress namedTarget, InetAddress arrivedOn, InetAddress from) {
    }

    private static final int MAX_LINE = 200;

    private final ServerSocket server;
    private final Duration callTimeout;
    private final Map<String, Arrival> arrivals = new ConcurrentHashMap<>();
    private final CallAcceptor acceptor;

    private ProbeListener(ServerSocket server, Duration callTimeout) {
        this.server = server;
        this.callTimeout = callTimeout;
        this.acceptor = CallAcceptor.start(server, "self-ip probe listener", this::answer);
    }

    /** Listens on {@code bind} (the wildcard address in production, so every interface address is probed). */
    public static ProbeListener open(InetSocketAddress bind, Duration callTimeout) throws IOException {
        ServerSocket server = new ServerSocket();
        try {
            server.bind(bind);
        } catch (IOException e) {
            server.close();
            throw new IOException("cannot listen on " + bind + " for self-probes: " + e.getMessage(), e);
        }
        return new ProbeListener(server, callTimeout);
    }

    public int port() {
        return server.getLocalPort();
    }

    public Optional<Arrival> arrival(String code) {
        return Optional.ofNullable(arrivals.get(code));
    }

    @Override
    public void close() {
        try {
            acceptor.close(callTimeout.plusSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Calls are answered one at a time, on the acceptor's thread. */
    private void answer(Socket call) {
        try (call) {
            serve(call);
        } catch (IOException e) {
            // One bad caller must not stop the listener; the prober times out and reports it.
        }
    }

    private void serve(Socket call) throws IOException {
        call.setSoTimeout((int) Math.max(1, callTimeout.toMillis()));
        BufferedReader in = new BufferedReader(new InputStreamReader(call.getInputStream(), StandardCharsets.US_ASCII), MAX_LINE);
        String line;
        try {
            line = readBoundedLine(in);
        } catch (SocketTimeoutException e) {
            return;
        }
        String[] parts = line == null ? new String[0] : line.split(" ");
        if (parts.length != 3 || !parts[0].equals("PROBE") || !parts[2].matches("[0-9a-f]{32}") || arrivals.size() > 1024) {
            return;
        }
        InetAddress named;
        try {
            named = SelfIp.literal(parts[1]);
        } catch (IOException e) {
            return;
        }
        InetAddress arrivedOn = call.getLocalAddress();
        arrivals.putIfAbsent(parts[2], new Arrival(named, arrivedOn, call.getInetAddress()));
        OutputStream out = call.getOutputStream();
        out.write(("SEEN " + arrivedOn.getHostAddress() + "\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static String readBoundedLine(BufferedReader in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (line.length() >= MAX_LINE) {
                return null;
            }
            line.append((char) c);
        }
        return c == -1 && line.length() == 0 ? null : line.toString();
    }
}
