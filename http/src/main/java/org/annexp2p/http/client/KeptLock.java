package org.annexp2p.http.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.annexp2p.http.wire.BracketedBase64;
import org.annexp2p.http.wire.UrlText;

/**
 * A lock held past lockcontent's 10 minutes by a {@code keeplocked} long poll: its request body stays open, and
 * {@link #release} sends {@code {"unlock":true}} and ends it. The long poll is sent asynchronously, so the unlock
 * counts only once the server answered it: git-annex answers after it let go of the lock, and a long poll that never
 * reached it (this process gone first) leaves the lock held for the 10 minutes. Both {@link #release} and
 * {@link #close} therefore wait for that answer, for at most the client's lock deadline, so a server that never
 * answers cannot hold us either.
 */
public final class KeptLock implements AutoCloseable {
    private static final byte[] UNLOCK = "{\"unlock\":true}\n".getBytes(StandardCharsets.US_ASCII);

    private final LineFeed lines;
    private final CompletableFuture<HttpResponse<InputStream>> answer;
    private final Duration deadline;
    private boolean released;

    private KeptLock(LineFeed lines, CompletableFuture<HttpResponse<InputStream>> answer, Duration deadline) {
        this.lines = lines;
        this.answer = answer;
        this.deadline = deadline;
    }

    static KeptLock start(Exchange exchange, String lockId, Duration deadline) throws IOException {
        LineFeed body = new LineFeed();
        body.write("{\"unlock\":false}\n".getBytes(StandardCharsets.US_ASCII));
        HttpRequest request = exchange.request(exchange.version(), "keeplocked",
                "&lockid=" + UrlText.encode(BracketedBase64.encode(lockId)),
                b -> b.header("Content-Type", "application/json-lines").POST(HttpRequest.BodyPublishers.ofInputStream(body::reading)));
        return new KeptLock(body, exchange.http().sendAsync(request, HttpResponse.BodyHandlers.ofInputStream()), deadline);
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
        awaitAnswer();
    }

    private void awaitAnswer() throws IOException {
        try {
            HttpResponse<InputStream> r = answer.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            r.body().close();
            if (r.statusCode() != 200) {
                throw new IOException("the server answered the unlock with HTTP " + r.statusCode());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("the server did not answer the unlock");
        } finally {
            answer.cancel(true);
        }
    }

    /**
     * Releases a lock the conversation ended with, as {@link #release} does, only not failing: the lock's holder is
     * going away, and a server that did not answer keeps the lock at most its 10 minutes.
     */
    @Override
    public synchronized void close() {
        if (released) {
            return;
        }
        released = true;
        try {
            try (lines) {
                lines.write(UNLOCK);
            }
            awaitAnswer();
        } catch (IOException e) {
            // said above: the server's 10 minutes are the bound
        }
    }
}
