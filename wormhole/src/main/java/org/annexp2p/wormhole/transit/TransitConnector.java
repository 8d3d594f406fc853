package org.annexp2p.wormhole.transit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.annexp2p.wormhole.TransferException;

/**
 * Races every way to reach the peer (its direct hints, our listener, the relays) and keeps the
 * first connection whose handshake completes, as Python's Transit does: relays start
 * {@value #RELAY_DELAY_MILLIS} ms late when direct hints exist, the sender picks the winner with
 * {@code go}, and every other attempt is dropped.
 */
public final class TransitConnector {

    static final long RELAY_DELAY_MILLIS = 2000;
    private static final byte[] GO = "go\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NEVERMIND = "nevermind\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RELAY_OK = "ok\n".getBytes(StandardCharsets.US_ASCII);

    /** Numbers this connector's threads in their names, for a thread dump. */
    private final AtomicInteger threads = new AtomicInteger();
    private final TransitRole role;
    private final TransitSecrets secrets;
    private final Duration timeout;
    private final String transitSide;

    public TransitConnector(TransitRole role, TransitSecrets secrets, Duration timeout) {
        this.role = role;
        this.secrets = secrets;
        this.timeout = timeout;
        byte[] side = new byte[8];
        new SecureRandom().nextBytes(side);
        this.transitSide = HexFormat.of().formatHex(side);
    }

    public TransitConnection connect(Optional<TransitListener> listener, TransitHints peer, List<TcpHint> ownRelays)
            throws TransferException {
        CompletableFuture<TransitConnection> winner = new CompletableFuture<>();
        Set<Socket> sockets = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "transit-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        List<TcpHint> relays = mergeRelays(ownRelays, peer.relays());
        int attempts = peer.direct().size() + relays.size();
        AtomicInteger failed = new AtomicInteger();
        Runnable onFailure = () -> {
            if (failed.incrementAndGet() == attempts && listener.isEmpty()) {
                winner.completeExceptionally(new TransferException(
                        "could not connect to the other side: every direct and relay attempt failed"));
            }
        };
        try {
            if (attempts == 0 && listener.isEmpty()) {
                throw new TransferException("no way to reach the other side: it gave no hints and we are not listening");
            }
            listener.ifPresent(l -> pool.execute(() -> acceptLoop(l, winner, sockets, pool)));
            for (TcpHint hint : peer.direct()) {
                pool.execute(() -> outbound(hint, false, 0, winner, sockets, onFailure));
            }
            long delay = peer.direct().isEmpty() ? 0 : RELAY_DELAY_MILLIS;
            for (TcpHint relay : relays) {
                long d = delay;
                pool.execute(() -> outbound(relay, true, d, winner, sockets, onFailure));
            }
            return winner.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new TransferException("could not connect to the other side within " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TransferException t) {
                throw t;
            }
            throw new TransferException("transit connection failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransferException("interrupted while connecting to the other side");
        } finally {
            listener.ifPresent(TransitListener::close);
            TransitConnection won = winner.getNow(null);
            winner.cancel(false);
            for (Socket s : sockets) {
                if (won == null || !won.owns(s)) {
                    closeQuietly(s);
                }
            }
            pool.shutdownNow();
        }
    }

    private static List<TcpHint> mergeRelays(List<TcpHint> own, List<TcpHint> theirs) {
        Set<String> seen = new LinkedHashSet<>();
        List<TcpHint> merged = new ArrayList<>();
        for (TcpHint h : concat(own, theirs)) {
            if (seen.add(h.host() + "|" + h.port())) {
                merged.add(h);
            }
        }
        merged.sort(Comparator.comparingDouble(TcpHint::priority).reversed());
        return merged;
    }

    private static List<TcpHint> concat(List<TcpHint> a, List<TcpHint> b) {
        List<TcpHint> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private void acceptLoop(TransitListener listener, CompletableFuture<TransitConnection> winner,
                            Set<Socket> sockets, ExecutorService pool) {
        while (!winner.isDone() && !listener.isClosed()) {
            try {
                Socket s = listener.accept();
                sockets.add(s);
                pool.execute(() -> {
                    try {
                        handshake(s, "direct (from " + s.getInetAddress().getHostAddress() + ":" + s.getPort() + ")", winner);
                    } catch (IOException e) {
                        closeQuietly(s);
                    }
                });
            } catch (IOException e) {
                return;
            } catch (java.util.concurrent.RejectedExecutionException e) {
                return;
            }
        }
    }

    private void outbound(TcpHint hint, boolean relay, long delayMillis, CompletableFuture<TransitConnection> winner,
                          Set<Socket> sockets, Runnable onFailure) {
        Socket s = new Socket();
        sockets.add(s);
        try {
            if (delayMillis > 0 && waitFor(winner, delayMillis)) {
                closeQuietly(s);
                return;
            }
            int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
            s.connect(new InetSocketAddress(hint.host(), hint.port()), millis);
            s.setSoTimeout(millis);
            if (relay) {
                OutputStream out = s.getOutputStream();
                out.write(secrets.relayHandshake(transitSide));
                out.flush();
                byte[] answer = s.getInputStream().readNBytes(RELAY_OK.length);
                if (!MessageDigest.isEqual(answer, RELAY_OK)) {
                    throw new IOException("relay refused us");
                }
            }
            handshake(s, (relay ? "relay " : "direct ") + hint, winner);
        } catch (IOException e) {
            closeQuietly(s);
            onFailure.run();
        }
    }

    /** True when a winner appeared during the wait, making the delayed attempt pointless. */
    private static boolean waitFor(CompletableFuture<TransitConnection> winner, long millis) {
        try {
            winner.get(millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        } catch (ExecutionException | java.util.concurrent.CancellationException e) {
            return true;
        }
    }

    private void handshake(Socket s, String route, CompletableFuture<TransitConnection> winner) throws IOException {
        s.setSoTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        s.setTcpNoDelay(true);
        OutputStream out = s.getOutputStream();
        InputStream in = s.getInputStream();
        out.write(secrets.handshake(role));
        out.flush();
        byte[] expected = secrets.handshake(role == TransitRole.SENDER ? TransitRole.RECEIVER : TransitRole.SENDER);
        byte[] got = in.readNBytes(expected.length);
        if (!MessageDigest.isEqual(got, expected)) {
            throw new IOException("peer handshake mismatch");
        }
        if (role == TransitRole.SENDER) {
            synchronized (winner) {
                if (winner.isDone()) {
                    out.write(NEVERMIND);
                    out.flush();
                    throw new IOException("another connection won");
                }
                out.write(GO);
                out.flush();
                winner.complete(new TransitConnection(s, route, secrets, role));
            }
        } else {
            byte[] go = in.readNBytes(GO.length);
            if (!MessageDigest.isEqual(go, GO)) {
                throw new IOException("sender chose another connection");
            }
            TransitConnection conn = new TransitConnection(s, route, secrets, role);
            if (!winner.complete(conn)) {
                throw new IOException("another connection won");
            }
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
