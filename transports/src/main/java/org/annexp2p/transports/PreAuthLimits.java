package org.annexp2p.transports;

import java.time.Duration;
import java.util.Objects;

/**
 * What a {@link ConnectionServer} allows connections whose peer has not authenticated yet. They are counted
 * apart from authenticated ones, so no number of them can take an authenticated peer's slot.
 *
 * @param deadline the whole authentication must end within this much time of the connection's arrival, however
 *     slowly or steadily the peer sends; then the connection is closed
 * @param maxConnections unauthenticated connections at once; one more is refused
 * @param maxPerAddress of those, how many from one address (see {@code AddressGroup}: an IPv4 address or an IPv6
 *     /64; loopback and unknown addresses are not limited per address)
 * @param failures how repeated wrong credentials are slowed down
 */
public record PreAuthLimits(Duration deadline, int maxConnections, int maxPerAddress, FailureBackoff failures) {

    /** 30 s: a peer on a slow onion circuit authenticates in a few seconds. */
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(30);
    /** A household behind one NAT rarely has more peers authenticating at the same moment. */
    public static final int DEFAULT_MAX_PER_ADDRESS = 8;

    public PreAuthLimits {
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(failures, "failures");
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("the authentication deadline must be positive, was " + deadline);
        }
        if (maxConnections < 1 || maxPerAddress < 1) {
            throw new IllegalArgumentException("pre-authentication limits must be >= 1, were " + maxConnections + " and " + maxPerAddress);
        }
    }

    /** The defaults with {@code maxConnections} unauthenticated connections at once. */
    public static PreAuthLimits of(int maxConnections) {
        return new PreAuthLimits(DEFAULT_DEADLINE, maxConnections, DEFAULT_MAX_PER_ADDRESS, FailureBackoff.DEFAULT);
    }

    public PreAuthLimits withDeadline(Duration newDeadline) {
        return new PreAuthLimits(newDeadline, maxConnections, maxPerAddress, failures);
    }

    public PreAuthLimits withMaxConnections(int max) {
        return new PreAuthLimits(deadline, max, maxPerAddress, failures);
    }

    public PreAuthLimits withMaxPerAddress(int max) {
        return new PreAuthLimits(deadline, maxConnections, max, failures);
    }

    public PreAuthLimits withFailures(FailureBackoff backoff) {
        return new PreAuthLimits(deadline, maxConnections, maxPerAddress, backoff);
    }
}
