package org.annexp2p.transports;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * Limits of a {@link ConnectionServer}.
 *
 * @param maxConnections connections served at once; one more is answered with {@code refusal} and closed
 * @param refusal bytes sent to a connection over the cap before closing it (e.g. {@code ERROR too many connections\n})
 * @param shutdownGrace how long {@link ConnectionServer#close()} lets running handlers finish before it
 *     closes their connections
 * @param refusalLinger how long a refused connection is kept open after the refusal, reading and
 *     discarding what the peer sends, so a peer that spoke first still reads the refusal instead of a reset
 */
public record ServerOptions(int maxConnections, byte[] refusal, Duration shutdownGrace, Duration refusalLinger) {

    public ServerOptions {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be >= 1, was " + maxConnections);
        }
        refusal = refusal.clone();
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        Objects.requireNonNull(refusalLinger, "refusalLinger");
        if (shutdownGrace.isNegative() || refusalLinger.isNegative()) {
            throw new IllegalArgumentException("durations must not be negative");
        }
    }

    /** {@code maxConnections} at once, the given refusal line, 10 s shutdown grace, 2 s refusal linger. */
    public static ServerOptions of(int maxConnections, String refusal) {
        return new ServerOptions(maxConnections, refusal.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(10), Duration.ofSeconds(2));
    }

    public ServerOptions withShutdownGrace(Duration grace) {
        return new ServerOptions(maxConnections, refusal, grace, refusalLinger);
    }

    public ServerOptions withRefusalLinger(Duration linger) {
        return new ServerOptions(maxConnections, refusal, shutdownGrace, linger);
    }

    @Override
    public byte[] refusal() {
        return refusal.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ServerOptions other
                && maxConnections == other.maxConnections
                && java.util.Arrays.equals(refusal, other.refusal)
                && shutdownGrace.equals(other.shutdownGrace)
                && refusalLinger.equals(other.refusalLinger);
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxConnections, java.util.Arrays.hashCode(refusal), shutdownGrace, refusalLinger);
    }

    @Override
    public String toString() {
        return "ServerOptions[maxConnections=" + maxConnections + ", refusal=" + refusal.length + " bytes, shutdownGrace="
                + shutdownGrace + ", refusalLinger=" + refusalLinger + "]";
    }
}
