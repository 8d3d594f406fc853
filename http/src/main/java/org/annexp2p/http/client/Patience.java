package org.annexp2p.http.client;

import java.io.IOException;
import java.time.Duration;
import org.annexp2p.transports.ShownDuration;

/**
 * One request's clock against a silent server (see {@link Silence}). An answer's bound runs from the request's
 * start and nothing resets it, so a server cannot hold the client by trickling a byte at a time; a transfer's
 * bound runs from the last byte that moved either way.
 */
final class Patience {
    private final long boundNanos;
    private final Duration bound;
    private final boolean whole;
    private volatile long since = System.nanoTime();

    private Patience(Duration bound, boolean whole) {
        this.bound = bound;
        this.boundNanos = bound.toNanos();
        this.whole = whole;
    }

    static Patience answer(Silence silence) {
        return new Patience(silence.answer(), true);
    }

    static Patience transfer(Silence silence) {
        return new Patience(silence.transfer(), false);
    }

    /** Bytes moved: a transfer's clock starts again. */
    void moved() {
        if (!whole) {
            since = System.nanoTime();
        }
    }

    /** How long is left; zero or less when the server has been silent too long. */
    long leftNanos() {
        return since + boundNanos - System.nanoTime();
    }

    /** The one line a user reads when the bound passed. */
    IOException exhausted(AnnexUrl url) {
        return new IOException("the server at " + url.base() + (whole ? " did not answer within "
                : " sent and took nothing for ") + ShownDuration.of(bound));
    }
}
