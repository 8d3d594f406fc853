package org.annexp2p.tor;

import java.time.Duration;

/**
 * How long it took, counted from publishing the onion (ADD_ONION), until tor was bootstrapped, the first
 * descriptor was uploaded, and a SOCKS connection to our own onion succeeded; {@code attempts} connections
 * were tried.
 */
public record Reachability(Duration bootstrapped, Duration descriptorUploaded, Duration reachable, int attempts) {

    @Override
    public String toString() {
        return String.format("bootstrapped %.2f s, descriptor uploaded %.2f s, reachable %.2f s (%d attempt%s)",
                seconds(bootstrapped), seconds(descriptorUploaded), seconds(reachable), attempts, attempts == 1 ? "" : "s");
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
