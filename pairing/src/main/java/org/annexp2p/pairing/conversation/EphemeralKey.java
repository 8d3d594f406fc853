package org.annexp2p.pairing.conversation;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * A one-conversation X25519 key pair. Its public half is a side's "contribution"; the auth token is derived
 * from the shared secret <em>and</em> the Diffie-Hellman result, so someone who only listened to the
 * conversation cannot compute the token even after guessing a weak phrase offline (an active attacker who
 * knows the phrase still can: the phrase is what authenticates).
 */
public final class EphemeralKey {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] privateKey;
    private final String publicHex;

    private EphemeralKey(byte[] privateKey) {
        this.privateKey = privateKey.clone();
        byte[] publicKey = new byte[X25519.POINT_SIZE];
        X25519.scalarMultBase(this.privateKey, 0, publicKey, 0);
        this.publicHex = HexFormat.of().formatHex(publicKey);
    }

    public static EphemeralKey generate() {
        byte[] seed = new byte[X25519.SCALAR_SIZE];
        RANDOM.nextBytes(seed);
        return new EphemeralKey(seed);
    }

    /** A key from fixed bytes, for reproducible simulations. */
    public static EphemeralKey fromSeed(byte[] seed) {
        if (seed.length != X25519.SCALAR_SIZE) {
            throw new IllegalArgumentException("an X25519 seed has " + X25519.SCALAR_SIZE + " bytes");
        }
        return new EphemeralKey(seed);
    }

    /** Our public key, 64 lowercase hex characters. */
    public String publicHex() {
        return publicHex;
    }

    /** The shared Diffie-Hellman value, or empty for a low-order peer key (which would give a known result). */
    Optional<byte[]> agree(String peerPublicHex) {
        byte[] peer = HexFormat.of().parseHex(peerPublicHex);
        byte[] shared = new byte[X25519.POINT_SIZE];
        return X25519.calculateAgreement(privateKey, 0, peer, 0, shared, 0) ? Optional.of(shared) : Optional.empty();
    }

    @Override
    public String toString() {
        return "EphemeralKey[public=" + publicHex + "]";
    }
}
