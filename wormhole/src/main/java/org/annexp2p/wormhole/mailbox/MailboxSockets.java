package org.annexp2p.wormhole.mailbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import org.annexp2p.wormhole.MailboxConnectionException;
import org.annexp2p.wormhole.WormholeTimeoutException;

/**
 * The WebSockets of one {@link MailboxClient} to its mailbox server, its reconnects included, over one JDK client made
 * for it and closed with it. One client for all of them: each JDK client starts a selector thread of its own, so one
 * per connection would cost a thread per reconnect. The client runs on daemon threads of its own, as callers often
 * block pool threads while waiting for a peer and the common ForkJoinPool has a single worker on a 2-core machine.
 * Java 17's client has no close: closing ends those threads; the selector's ends once the client is unreachable.
 */
final class MailboxSockets implements FrameChannel.Factory {
    /** Longer than {@link WebSocketChannel#close}'s polite close waits for the server. */
    static final Duration LINGER = Duration.ofSeconds(3);

    private final URI relay;
    private final Duration timeout;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "wormhole-websocket");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient http;
    /** Each connection's end, which the threads outlive: a polite close still uses them. */
    private final List<CompletableFuture<Void>> ends = new ArrayList<>();

    /** WebSockets to {@code relay}, each connected within {@code timeout}. */
    MailboxSockets(URI relay, Duration timeout) {
        this.relay = relay;
        this.timeout = timeout;
        this.http = client(relay, threads);
    }

    /**
     * A JDK client for {@code relay}. For a plain {@code ws://} URL, which never speaks TLS (the client follows no
     * redirect and uses no proxy), it gets a TLS context that trusts no certificate instead of the JVM's default one:
     * setting that up reads and parses every CA certificate of the JDK and sorts its cipher suites, a large part of a
     * wormhole's start. Should TLS ever be tried with it, the handshake fails. A {@code wss://} relay gets the default.
     */
    static HttpClient client(URI relay, ExecutorService threads) {
        HttpClient.Builder builder = HttpClient.newBuilder().executor(threads);
        if ("ws".equalsIgnoreCase(relay.getScheme())) {
            try {
                SSLContext trustsNothing = SSLContext.getInstance("TLS");
                trustsNothing.init(new KeyManager[0], new TrustManager[0], null);
                builder.sslContext(trustsNothing).sslParameters(new SSLParameters());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("this JVM has no TLS", e);
            }
        }
        return builder.build();
    }

    /** The JDK client the connections share. */
    HttpClient http() {
        return http;
    }

    @Override
    public FrameChannel open() throws MailboxConnectionException, WormholeTimeoutException {
        WebSocketChannel channel = WebSocketChannel.connect(http, relay, timeout);
        synchronized (ends) {
            ends.add(channel.ended());
        }
        return channel;
    }

    /**
     * Ends the threads once every connection closed has been dropped (a polite close waits at most {@link #LINGER}
     * for the server), or after that bound anyway. Returns at once.
     */
    @Override
    public void close() {
        CompletableFuture<?>[] all;
        synchronized (ends) {
            all = ends.toArray(CompletableFuture<?>[]::new);
        }
        CompletableFuture.allOf(all).orTimeout(LINGER.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((done, late) -> threads.shutdown());
    }

    /** Whether every thread ended, waiting up to {@code bound}. */
    boolean awaitClosed(Duration bound) throws InterruptedException {
        return threads.awaitTermination(bound.toMillis(), TimeUnit.MILLISECONDS);
    }
}
