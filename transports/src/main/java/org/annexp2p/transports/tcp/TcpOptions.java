package org.annexp2p.transports.tcp;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link TcpTransport}.
 *
 * @param eventLoopThreads Netty event loop threads shared by every connection of the transport
 * @param idleTimeout a connection with no bytes read or written for this long is closed, and a thread
 *     blocked on it gets an {@link java.io.IOException} saying so; this bounds every read and every
 *     backpressured write. {@link Duration#ZERO} disables it.
 */
public record TcpOptions(int eventLoopThreads, Duration idleTimeout) {

    public TcpOptions {
        if (eventLoopThreads < 1) {
            throw new IllegalArgumentException("eventLoopThreads must be >= 1, was " + eventLoopThreads);
        }
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (idleTimeout.isNegative()) {
            throw new IllegalArgumentException("idleTimeout must not be negative: " + idleTimeout);
        }
    }

    /** At most two event loop threads (our I/O is not CPU-bound) and a 10 minute idle timeout. */
    public static TcpOptions defaults() {
        return new TcpOptions(Math.min(2, Runtime.getRuntime().availableProcessors()), Duration.ofMinutes(10));
    }

    public TcpOptions withIdleTimeout(Duration timeout) {
        return new TcpOptions(eventLoopThreads, timeout);
    }

    public TcpOptions withEventLoopThreads(int threads) {
        return new TcpOptions(threads, idleTimeout);
    }
}
