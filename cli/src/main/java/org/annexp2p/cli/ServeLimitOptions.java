package org.annexp2p.cli;

import java.time.Duration;
import java.util.OptionalInt;
import org.annexp2p.session.serve.ServeLimits;
import org.annexp2p.transports.PreAuthLimits;
import picocli.CommandLine.Option;

/** {@code serve}'s limits on peers, as options (their text: help/ServeCommand.properties); {@link ServeLimits} checks them. */
final class ServeLimitOptions {
    @Option(names = "--max-connections", paramLabel = "N", defaultValue = "100")
    int maxConnections;

    @Option(names = "--max-unauthenticated", paramLabel = "N")
    Integer maxUnauthenticated;

    @Option(names = "--max-unauthenticated-per-address", paramLabel = "N", defaultValue = "" + PreAuthLimits.DEFAULT_MAX_PER_ADDRESS)
    int maxUnauthenticatedPerAddress;

    @Option(names = "--auth-timeout", paramLabel = "SECONDS", defaultValue = "30")
    long authTimeoutSeconds;

    /** The limits given; a bad one is bad usage (exit 2). */
    ServeLimits limits() {
        return new ServeLimits(maxConnections,
                maxUnauthenticated == null ? OptionalInt.empty() : OptionalInt.of(maxUnauthenticated),
                maxUnauthenticatedPerAddress, Duration.ofSeconds(authTimeoutSeconds));
    }
}
