package org.annexp2p.http.client;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.annexp2p.protocol.program.Local;

/**
 * A put sent while our client's DATA arrives: the request runs on its own thread, its body every byte but the
 * last until the sender says whether the content was valid ({@link LastByteHeld}).
 */
final class PendingPut {
    private final LastByteHeld body;
    private final CompletableFuture<Boolean> answer = new CompletableFuture<>();

    private PendingPut(LastByteHeld body) {
        this.body = body;
    }

    /** Starts the put of {@code i}'s payload; returns once all of it was taken from our client. */
    static PendingPut start(P2pHttpClient client, Local.WriteContent i) throws IOException {
        PendingPut p = new PendingPut(new LastByteHeld(i.payload().stream(), i.length().value()));
        Thread sender = new Thread(() -> {
            try {
                p.answer.complete(client.put(i.destination().key(), i.file(), i.offset().value(), i.length().value(),
                        () -> p.body));
            } catch (IOException | RuntimeException e) {
                p.answer.completeExceptionally(e);
            }
        }, "annex+http put");
        sender.setDaemon(true);
        sender.start();
        p.body.awaitTaken(p.answer);
        return p;
    }

    /** Whether the server stored it; content that was not valid goes one byte short, and is never stored. */
    boolean finish(boolean valid) throws IOException {
        body.validity(valid);
        try {
            return answer.get() && valid;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } catch (ExecutionException e) {
            if (!valid) {
                return false;
            }
            throw e.getCause() instanceof IOException io ? new IOException(io.getMessage(), io) : new IOException(e.getCause());
        }
    }

    /** The conversation ended before the sender decided: the body ends short. */
    void abandon() {
        body.validity(false);
    }
}
