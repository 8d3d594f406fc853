package org.annexp2p.tor.onion;

import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * A new onion service key and the address it gives, made here without tor: the key is an ed25519 key in the
 * expanded form ADD_ONION takes (see {@link OnionKey#fromSeed}), the address comes from its public half as tor
 * derives it (rend-spec-v3 §6). So an address can be handed out before any tor has run; the first tor that adds
 * the key serves exactly this address.
 */
public record NewOnion(OnionKey key, OnionAddress address) {

    /** A key from a fresh 32-byte seed of {@code random}; the seed is wiped once the key is made. */
    public static NewOnion generate(SecureRandom random) {
        byte[] seed = new byte[Ed25519.SECRET_KEY_SIZE];
        random.nextBytes(seed);
        try {
            return fromSeed(seed);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    /** The key and address of an ed25519 seed (RFC 8032's private key). */
    static NewOnion fromSeed(byte[] seed) {
        byte[] publicKey = new byte[Ed25519.PUBLIC_KEY_SIZE];
        Ed25519.generatePublicKey(seed, 0, publicKey, 0);
        return new NewOnion(OnionKey.fromSeed(seed), OnionAddress.fromPublicKey(publicKey));
    }

    @Override
    public String toString() {
        return "NewOnion[" + address + "]";
    }
}
