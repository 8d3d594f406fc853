package org.annexp2p.session.serve;

import java.time.Duration;
import java.util.OptionalInt;
import org.annexp2p.session.plugin.BadUsageException;
import org.annexp2p.transports.PreAuthLimits;
import org.annexp2p.transports.ServerOptions;

/**
 * How many peers a server takes at once, and how long one may take to authenticate; named as {@code serve}'s
 * options name them, whose words its refusals use.
 *
 * @param maxConnections authenticated peers at once
 * @param maxUnauthenticated peers still authenticating at once (empty: as many as {@code maxConnections})
 * @param maxUnauthenticatedPerAddress of those, from one IPv4 address or IPv6 /64
 * @param authTimeout how long a peer has to authenticate
 */
public record ServeLimits(int maxConnections, OptionalInt maxUnauthenticated, int maxUnauthenticatedPerAddress,
        Duration authTimeout) {
    /** What a peer over {@link #maxConnections} is told before it is disconnected. */
    static final String TOO_MANY = "ERROR too many connections; try again later\n";

    /** The longest {@link #authTimeout}: a day. */
    public static final Duration LONGEST_AUTH_TIMEOUT = Duration.ofDays(1);

    public ServeLimits {
        if (maxConnections < 1) {
            throw new BadUsageException("--max-connections must be at least 1");
        }
        if (maxUnauthenticated.isPresent() && maxUnauthenticated.getAsInt() < 1) {
            throw new BadUsageException("--max-unauthenticated must be at least 1");
        }
        if (maxUnauthenticatedPerAddress < 1) {
            throw new BadUsageException("--max-unauthenticated-per-address must be at least 1");
        }
        if (authTimeout.compareTo(Duration.ofSeconds(1)) < 0 || authTimeout.compareTo(LONGEST_AUTH_TIMEOUT) > 0) {
            throw new BadUsageException("--auth-timeout must be from 1 to " + LONGEST_AUTH_TIMEOUT.toSeconds() + " seconds");
        }
    }

    /** These limits as the connection server applies them. */
    public ServerOptions serverOptions() {
        return ServerOptions.of(maxConnections, TOO_MANY)
                .withPreAuth(PreAuthLimits.of(maxUnauthenticated.orElse(maxConnections))
                        .withMaxPerAddress(maxUnauthenticatedPerAddress)
                        .withDeadline(authTimeout));
    }
}
