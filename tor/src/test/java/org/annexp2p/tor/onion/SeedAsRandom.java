package org.annexp2p.tor.onion;

import java.security.SecureRandom;

/** A "random" source that gives one fixed seed: a known key pair out of {@link NewOnion#generate}. */
final class SeedAsRandom extends SecureRandom {
    private final byte[] seed;

    SeedAsRandom(byte[] seed) {
        this.seed = seed.clone();
    }

    @Override
    public void nextBytes(byte[] bytes) {
        if (bytes.length != seed.length) {
            throw new AssertionError("asked for " + bytes.length + " bytes, the seed has " + seed.length);
        }
        System.arraycopy(seed, 0, bytes, 0, seed.length);
    }
}
