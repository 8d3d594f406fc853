package org.annexp2p.wormhole.mailbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.annexp2p.wormhole.MailboxConnectionException;
import org.annexp2p.wormhole.WormholeTimeoutException;

/**
 * One WebSocket to the mailbox server, turned into a blocking queue of whole text frames.
 * The JDK client answers pings itself; we only have to glue fragments together and record the end.
 */
final class WebSocketChannel implements FrameChannel {

    private final BlockingQueue<Inbound> inbound = new LinkedBlockingQueue<>();
    private final WebSocket socket;
    private final Duration sendTimeout;
    /** Done once the connection is dropped, after the polite close if there was one. */
    private final CompletableFuture<Void> ended = new CompletableFuture<>();

    private WebSocketChannel(HttpClient http, URI url, Duration timeout) throws MailboxConnectionException, WormholeTimeoutException {
        this.sendTimeout = timeout;
        CompletableFuture<WebSocket> pending = http.newWebSocketBuilder()
                .connectTimeout(timeout)
                .buildAsync(url, new Listener());
        try {
            socket = pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new WormholeTimeoutException("no answer from the mailbox server " + url + " within " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw new MailboxConnectionException("cannot reach the mailbox server " + url + ": " + describe(e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MailboxConnectionException("interrupted while connecting to " + url);
        }
    }

    /** Over {@code http}, which its owner ({@link MailboxSockets}) shares between its connections and closes. */
    static WebSocketChannel connect(HttpClient http, URI url, Duration timeout) throws MailboxConnectionException, WormholeTimeoutException {
        return new WebSocketChannel(http, url, timeout);
    }

    /** Sends one text frame; the JDK forbids overlapping sends, hence synchronized and waited for. */
    @Override
    public synchronized void send(String frame) throws MailboxConnectionException {
        try {
            socket.sendText(frame, true).get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new MailboxConnectionException("lost the connection to the mailbox server while sending", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MailboxConnectionException("interrupted while sending to the mailbox server");
        }
    }

    @Override
    public Inbound take(Duration timeout) throws MailboxConnectionException {
        try {
            return inbound.poll(Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MailboxConnectionException("interrupted while waiting for the mailbox server");
        }
    }

    @Override
    public void close() {
        if (socket.isOutputClosed()) {
            drop();
            return;
        }
        // Say goodbye politely, but never wait for a server that does not answer: drop it after 2 s at most.
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(2, TimeUnit.SECONDS)
                .whenComplete((ws, error) -> drop());
    }

    /** Done once {@link #close} dropped the connection (the client's threads are no longer needed for it). */
    CompletableFuture<Void> ended() {
        return ended;
    }

    private void drop() {
        socket.abort();
        ended.complete(null);
    }

    /** Why a connection failed, in words: the JDK's client often gives only exception types, without a message. */
    static String describe(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof java.net.ConnectException) {
                return c.getMessage() != null && !c.getMessage().isBlank() ? c.getMessage() : "connection refused";
            }
            if (c instanceof java.nio.channels.ClosedChannelException) {
                return "the connection was closed";
            }
            if (c instanceof java.nio.channels.UnresolvedAddressException || c instanceof java.net.UnknownHostException) {
                return "unknown host";
            }
            if (c instanceof java.net.http.HttpTimeoutException || c instanceof java.net.SocketTimeoutException) {
                return "timed out";
            }
        }
        Throwable root = t;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String msg = root.getMessage();
        return msg == null || msg.isBlank() ? "the connection failed" : msg;
    }

    private final class Listener implements WebSocket.Listener {
        private final FrameAssembly assembly = new FrameAssembly(FrameAssembly.MAX_CHARS);

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            Optional<Inbound> whole = assembly.add(data, last);
            whole.ifPresent(inbound::add);
            if (whole.isPresent() && whole.get() instanceof Inbound.TooLarge) {
                webSocket.abort();
                return null;
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, java.nio.ByteBuffer data, boolean last) {
            // The server only sends text frames; a binary one is a protocol violation we surface as an end.
            inbound.add(new Inbound.End("mailbox server sent a binary frame"));
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            inbound.add(new Inbound.End("mailbox server closed the connection (" + statusCode + ")"));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            inbound.add(new Inbound.End("connection to the mailbox server failed: " + describe(error)));
        }
    }
}
