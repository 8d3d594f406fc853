package org.annexp2p.pairing.confirm;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.annexp2p.pairing.discovery.DeviceId;
import org.annexp2p.pairing.listen.CallAcceptor;
import org.annexp2p.pairing.secret.SharedSecret;
import org.annexp2p.pairing.tls.KeyFingerprint;
import org.annexp2p.pairing.tls.PinnedTls;
import org.annexp2p.pairing.tls.TlsIdentity;

/**
 * B's side of discovery-failure mitigation: a TLS listener that device A calls after discovering B, telling B
 * the address A saw it at. B then confirms that address by a TLS call to this same listener, pinned to its own
 * key and carrying a random code, and answers A whether it did. Authenticated callers are queued for the
 * application ({@link #nextCaller}).
 *
 * <p>Each connection is served on its own thread (at most {@link #MAX_CONCURRENT}), because serving A's call
 * involves a second, nested call to this listener.
 */
public final class ConfirmationListener implements Closeable {

    static final int MAX_CONCURRENT = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SSLServerSocket server;
    private final TlsIdentity own;
    private final SharedSecret secret;
    private final Duration timeout;
    private final Set<String> pendingCodes = ConcurrentHashMap.newKeySet();
    private final Map<String, Boolean> seenNonces = Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > 4096;
        }
    });
    private final List<InetAddress> confirmed = new CopyOnWriteArrayList<>();
    private final BlockingQueue<CallerDetails> callers = new LinkedBlockingQueue<>(256);
    private final Semaphore slots = new Semaphore(MAX_CONCURRENT);
    private final CallAcceptor acceptor;

    private ConfirmationListener(SSLServerSocket server, TlsIdentity own, SharedSecret secret, Duration timeout) {
        this.server = server;
        this.own = own;
        this.secret = secret;
        this.timeout = timeout;
        this.acceptor = CallAcceptor.start(server, "confirmation listener", this::take);
    }

    /** Listens on {@code bind} (normally the wildcard address and the port the announcement carries). */
    public static ConfirmationListener open(InetSocketAddress bind, TlsIdentity own, SharedSecret secret, Duration timeout) throws IOException {
        SSLServerSocket server = (SSLServerSocket) PinnedTls.context(own, new AnyKeyTrustManager()).getServerSocketFactory().createServerSocket();
        try {
            server.setEnabledProtocols(new String[] {"TLSv1.3"});
            server.setNeedClientAuth(true);
            server.bind(bind);
        } catch (IOException e) {
            server.close();
            throw new IOException("cannot open the confirmation listener on " + bind + ": " + e.getMessage(), e);
        }
        return new ConfirmationListener(server, own, secret, timeout);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Addresses we confirmed as our own so far (by calling ourselves there). */
    public List<InetAddress> confirmedAddresses() {
        return List.copyOf(confirmed);
    }

    /** The next authenticated caller, waiting at most {@code wait}. */
    public Optional<CallerDetails> nextCaller(Duration wait) throws InterruptedException {
        return Optional.ofNullable(callers.poll(wait.toNanos(), TimeUnit.NANOSECONDS));
    }

    /**
     * Calls our own listener at {@code candidate} over TLS pinned to our own key with a fresh random code.
     *
     * @return empty if confirmed, otherwise why not
     */
    public Optional<String> confirmSelf(InetAddress candidate) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String code = HexFormat.of().formatHex(bytes);
        pendingCodes.add(code);
        InetSocketAddress target = new InetSocketAddress(candidate, port());
        try (SSLSocket socket = PinnedTls.connect(target, own, own.fingerprint(), timeout)) {
            Lines.write(socket.getOutputStream(), "SELF " + code);
            String answer = Lines.read(socket.getInputStream());
            if (!answer.equals("SELF-OK")) {
                return Optional.of("the listener at " + candidate.getHostAddress() + " did not recognise our code");
            }
        } catch (IOException e) {
            return Optional.of("cannot call ourselves at " + candidate.getHostAddress() + ":" + port() + ": " + e.getMessage());
        } finally {
            pendingCodes.remove(code);
        }
        if (!confirmed.contains(candidate)) {
            confirmed.add(candidate);
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        try {
            acceptor.close(timeout.plusSeconds(1));
            // Wait for connection threads: each is bounded by the read timeout.
            if (slots.tryAcquire(MAX_CONCURRENT, timeout.toMillis() * 3 + 1000, TimeUnit.MILLISECONDS)) {
                slots.release(MAX_CONCURRENT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Serves a call on a thread of its own, or refuses it while {@link #MAX_CONCURRENT} are being served. */
    private void take(Socket call) {
        SSLSocket socket = (SSLSocket) call;
        if (!slots.tryAcquire()) {
            closeQuietly(socket);
            return;
        }
        Thread t = new Thread(() -> {
            try (socket) {
                serve(socket);
            } catch (IOException e) {
                // A failed or hostile call ends here; the caller sees the connection close.
            } finally {
                slots.release();
            }
        }, "confirmation call");
        t.setDaemon(true);
        t.start();
    }

    private void serve(SSLSocket socket) throws IOException {
        socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
        PinnedTls.acceptHandshake(socket);
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        String[] parts = Lines.read(in).split(" ");
        if (parts.length == 2 && parts[0].equals("SELF")) {
            boolean ours = ConfirmationProtocol.peerKey(socket).equals(own.fingerprint()) && pendingCodes.contains(parts[1]);
            Lines.write(out, ours ? "SELF-OK" : "SELF-NO");
            return;
        }
        if (parts.length != 7 || !parts[0].equals("OBSERVED")) {
            Lines.write(out, "UNCONFIRMED unknown request");
            return;
        }
        String signed = String.join(" ", java.util.Arrays.copyOf(parts, 6));
        if (!ConfirmationProtocol.verify(secret, signed, own.fingerprint(), parts[6])) {
            Lines.write(out, "UNCONFIRMED the request's MAC does not match: different secret, or a relay in between");
            return;
        }
        if (seenNonces.putIfAbsent(parts[5], Boolean.TRUE) != null) {
            Lines.write(out, "UNCONFIRMED replayed request");
            return;
        }
        CallerDetails caller;
        try {
            caller = new CallerDetails(new DeviceId(UUID.fromString(parts[2])), ConfirmationCall.literal(parts[3]),
                    Integer.parseInt(parts[4]), ConfirmationCall.literal(parts[1]));
        } catch (IOException | IllegalArgumentException e) {
            Lines.write(out, "UNCONFIRMED malformed request");
            return;
        }
        Optional<String> problem = confirmSelf(caller.observedForCallee());
        callers.offer(caller);
        if (problem.isPresent()) {
            Lines.write(out, "UNCONFIRMED " + problem.get());
            return;
        }
        String answer = "CONFIRMED " + caller.observedForCallee().getHostAddress() + " " + parts[5];
        Lines.write(out, "CONFIRMED " + caller.observedForCallee().getHostAddress() + " " + ConfirmationProtocol.mac(secret, answer, own.fingerprint()));
    }

    private static void closeQuietly(SSLSocket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Refusing an over-limit connection; nothing to report.
        }
    }
}
