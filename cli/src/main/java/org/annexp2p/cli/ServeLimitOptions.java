package org.annexp2p.cli;

import java.time.Duration;
import java.util.OptionalInt;
import org.annexp2p.session.serve.ServeLimits;
import org.annexp2p.transports.PreAuthLimits;
import picocli.CommandLine.Option;

/** {@code serve}'s limits on peers, as options; {@link ServeLimits} checks them. */
final class ServeLimitOptions {
    @Option(names = "--max-connections", paramLabel = "N", defaultValue = "100",
            description = "Serve at most N authenticated peers at once; one more that authenticates is told so and"
                    + " disconnected (default: 100, as git-annex). Peers still authenticating never take one of these.")
    int maxConnections;

    @Option(names = "--max-unauthenticated", paramLabel = "N",
            description = "Let at most N peers at once be still authenticating; more are told so and disconnected"
                    + " (default: the same as --max-connections).")
    Integer maxUnauthenticated;

    @Option(names = "--max-unauthenticated-per-address", paramLabel = "N", defaultValue = "" + PreAuthLimits.DEFAULT_MAX_PER_ADDRESS,
            description = "Of those, at most N from one IPv4 address or IPv6 /64 (default: ${DEFAULT-VALUE}). Loopback"
                    + " peers are not limited per address: tor and ssh tunnels bring everyone from 127.0.0.1.")
    int maxUnauthenticatedPerAddress;

    @Option(names = "--auth-timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "Disconnect a peer that has not authenticated within SECONDS of connecting, however"
                    + " steadily it keeps sending (default: ${DEFAULT-VALUE}). Repeated wrong tokens from one address"
                    + " are answered ever more slowly.")
    long authTimeoutSeconds;

    /** The limits given; a bad one is bad usage (exit 2). */
    ServeLimits limits() {
        return new ServeLimits(maxConnections,
                maxUnauthenticated == null ? OptionalInt.empty() : OptionalInt.of(maxUnauthenticated),
                maxUnauthenticatedPerAddress, Duration.ofSeconds(authTimeoutSeconds));
    }
}
