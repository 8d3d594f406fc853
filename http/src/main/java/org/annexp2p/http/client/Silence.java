package org.annexp2p.http.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a client waits on a server that says nothing. Without these bounds a server that takes a request and
 * never answers (or stops half-way through a download, or stops reading an upload) holds the command, and with it
 * any lock the command holds, until the user interrupts it.
 *
 * @param answer a small answer (checkpresent, remove, putoffset, a lock, ...) must arrive whole within it, however
 *     slowly it trickles: an honest server answers these at once
 * @param transfer a download or an upload may take as long as bytes keep moving either way, and ends once none has
 *     for this long; it covers the server's wait before it answers a put (it verifies the content first), so it is
 *     the same 10 minutes as every other transport's idle timeout rather than anything shorter
 */
public record Silence(Duration answer, Duration transfer) {
    public static final Silence DEFAULT = new Silence(Duration.ofSeconds(60), Duration.ofMinutes(10));

    public Silence {
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(transfer, "transfer");
        if (answer.isNegative() || answer.isZero() || transfer.isNegative() || transfer.isZero()) {
            throw new IllegalArgumentException("a silence bound must be positive");
        }
    }
}
