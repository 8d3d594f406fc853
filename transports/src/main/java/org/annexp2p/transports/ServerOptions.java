package org.annexp2p.transports;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * Limits of a {@link ConnectionServer}.
 *
 * @param maxConnections authenticated connections served at once; a peer that authenticates while all are taken
 *     is answered with {@code refusal} and closed. Connections still authenticating never hold one (see
 *     {@code preAuth})
 * @param refusal bytes sent to a connection that is refused before closing it (e.g. {@code ERROR too many connections\n})
 * @param shutdownGrace how long {@link ConnectionServer#close()} lets running handlers finish before it
 *     closes their connections
 * @param refusalLinger how long a refused connection is kept open after the refusal, reading and
 *     discarding what the peer sends, so a peer that spoke first still reads the refusal instead of a reset
 * @param preAuth the limits on connections whose peer has not authenticated yet
 */
public record ServerOptions(int maxConnections, byte[] refusal, Duration shutdownGrace, Duration refusalLinger,
        PreAuthLimits preAuth) {

    public ServerOptions {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be >= 1, was " + maxConnections);
        }
        refusal = refusal.clone();
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        Objects.requireNonNull(refusalLinger, "refusalLinger");
        Objects.requireNonNull(preAuth, "preAuth");
        if (shutdownGrace.isNegative() || refusalLinger.isNegative()) {
            throw new IllegalArgumentException("durations must not be negative");
        }
    }

    /**
     * {@code maxConnections} authenticated at once and as many authenticating (see {@link PreAuthLimits#of}), the
     * given refusal line, 10 s shutdown grace, 2 s refusal linger.
     */
    public static ServerOptions of(int maxConnections, String refusal) {
        return new ServerOptions(maxConnections, refusal.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(10), Duration.ofSeconds(2),
                PreAuthLimits.of(maxConnections));
    }

    public ServerOptions withShutdownGrace(Duration grace) {
        return new ServerOptions(maxConnections, refusal, grace, refusalLinger, preAuth);
    }

    public ServerOptions withRefusalLinger(Duration linger) {
        return new ServerOptions(maxConnections, refusal, shutdownGrace, linger, preAuth);
    }

    public ServerOptions withPreAuth(PreAuthLimits limits) {
        return new ServerOptions(maxConnections, refusal, shutdownGrace, refusalLinger, limits);
    }

    @Override
    public byte[] refusal() {
        return refusal.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ServerOptions other
                && maxConnections == other.maxConnections
                && Arrays.equals(refusal, other.refusal)
                && shutdownGrace.equals(other.shutdownGrace)
                && refusalLinger.equals(other.refusalLinger)
                && preAuth.equals(other.preAuth);
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxConnections, Arrays.hashCode(refusal), shutdownGrace, refusalLinger, preAuth);
    }

    @Override
    public String toString() {
        return "ServerOptions[maxConnections=" + maxConnections + ", refusal=" + refusal.length + " bytes, shutdownGrace="
                + shutdownGrace + ", refusalLinger=" + refusalLinger + ", preAuth=" + preAuth + "]";
    }
}
