package org.annexp2p.transports;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link ConnectionServer} slows down wrong credentials: the answer to a failed authentication is delayed,
 * doubling from {@code firstDelay} up to {@code maxDelay}, once
 * <ul>
 * <li>an address (see {@code AddressGroup}) has failed more than {@code freePerAddress} times within
 *     {@code window}, or</li>
 * <li>one connection fails a second time (git-annex never tries a second token on a connection).</li>
 * </ul>
 * The delay holds only the failing peer's own connection, which still ends at the authentication deadline.
 *
 * @param trackedAddresses how many addresses' failures are remembered; beyond it the least recently failing is
 *     forgotten, so that a peer with many addresses cannot make the table grow without bound
 */
public record FailureBackoff(int freePerAddress, Duration window, Duration firstDelay, Duration maxDelay, int trackedAddresses) {

    /** 5 free failures per address per 10 minutes, then 1 s doubling up to 30 s; 4096 addresses remembered. */
    public static final FailureBackoff DEFAULT = new FailureBackoff(5, Duration.ofMinutes(10), Duration.ofSeconds(1),
            Duration.ofSeconds(30), 4096);

    public FailureBackoff {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(firstDelay, "firstDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (freePerAddress < 0 || trackedAddresses < 1 || window.isNegative() || firstDelay.isNegative()
                || maxDelay.compareTo(firstDelay) < 0) {
            throw new IllegalArgumentException("invalid failure backoff: " + freePerAddress + " free per " + window + ", "
                    + firstDelay + " to " + maxDelay + ", " + trackedAddresses + " addresses");
        }
    }

    /** The delay for the {@code n}th failure beyond the free ones (n >= 1). */
    Duration delayFor(long n) {
        if (n < 1) {
            return Duration.ZERO;
        }
        // 2^(n-1) times the first delay; past 62 doublings every delay is over any cap anyway.
        long factor = 1L << Math.min(n - 1, 62);
        long nanos = firstDelay.toNanos();
        long capped = nanos != 0 && factor > maxDelay.toNanos() / nanos ? maxDelay.toNanos() : nanos * factor;
        return Duration.ofNanos(Math.min(capped, maxDelay.toNanos()));
    }
}
