package org.annexp2p.http.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.annexp2p.http.wire.BracketedBase64;
import org.annexp2p.http.wire.UrlText;

/**
 * A lock held past lockcontent's 10 minutes by a {@code keeplocked} long poll: its request body stays open, and
 * {@link #release} sends {@code {"unlock":true}} and ends it. If this process dies the server sees the body end and
 * releases the lock, as it would after 10 minutes anyway.
 */
public final class KeptLock implements AutoCloseable {
    private static final byte[] UNLOCK = "{\"unlock\":true}\n".getBytes(StandardCharsets.US_ASCII);

    private final LineFeed lines;
    private final CompletableFuture<HttpResponse<InputStream>> answer;
    private boolean released;

    private KeptLock(LineFeed lines, CompletableFuture<HttpResponse<InputStream>> answer) {
        this.lines = lines;
        this.answer = answer;
    }

    static KeptLock start(Exchange exchange, String lockId) throws IOException {
        LineFeed body = new LineFeed();
        body.write("{\"unlock\":false}\n".getBytes(StandardCharsets.US_ASCII));
        HttpRequest request = exchange.request(exchange.version(), "keeplocked",
                "&lockid=" + UrlText.encode(BracketedBase64.encode(lockId)),
                b -> b.header("Content-Type", "application/json-lines").POST(HttpRequest.BodyPublishers.ofInputStream(body::reading)));
        return new KeptLock(body, exchange.http().sendAsync(request, HttpResponse.BodyHandlers.ofInputStream()));
    }

    /** Sends the unlock and waits (a bounded while) for the server to answer the long poll. */
    public synchronized void release() throws IOException {
        if (released) {
            return;
        }
        released = true;
        try (lines) {
            lines.write(UNLOCK);
        }
        try {
            HttpResponse<InputStream> r = answer.get(60, TimeUnit.SECONDS);
            r.body().close();
            if (r.statusCode() != 200) {
                throw new IOException("the server answered the unlock with HTTP " + r.statusCode());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("the server did not answer the unlock");
        }
    }

    /** Releases without waiting for an answer. */
    @Override
    public synchronized void close() {
        if (!released) {
            released = true;
            try (lines) {
                lines.write(UNLOCK);
            } catch (IOException e) {
                // the long poll already ended: the server released the lock then
            }
        }
        answer.cancel(true);
    }
}
