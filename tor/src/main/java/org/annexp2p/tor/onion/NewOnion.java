package org.annexp2p.tor.onion;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.EdECPoint;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;

/**
 * A new onion service key and the address it gives, made here without tor: the key is an ed25519 key in the
 * expanded form ADD_ONION takes (see {@link OnionKey#fromSeed}), the address comes from its public half as tor
 * derives it (rend-spec-v3 §6). So an address can be handed out before any tor has run; the first tor that adds
 * the key serves exactly this address.
 *
 * <p>The key pair is the JDK's own Ed25519 rather than BouncyCastle's: both are RFC 8032, but BouncyCastle's first
 * key builds its precomputed tables (and verifies its signed jar), a cost of the same order as the whole command's
 * start, paid by every {@code enable-tor}.
 */
public record NewOnion(OnionKey key, OnionAddress address) {

    /** A key pair from {@code random} (its 32-byte seed); the seed is wiped once the key is made. */
    public static NewOnion generate(SecureRandom random) {
        KeyPair pair;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, random);
            pair = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM lacks Ed25519, which every Java 15+ runtime has", e);
        }
        byte[] seed = ((EdECPrivateKey) pair.getPrivate()).getBytes()
                .orElseThrow(() -> new IllegalStateException("the JVM's Ed25519 key does not reveal its seed"));
        try {
            return new NewOnion(OnionKey.fromSeed(seed),
                    OnionAddress.fromPublicKey(encoded(((EdECPublicKey) pair.getPublic()).getPoint())));
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    /** RFC 8032 §5.1.2's encoding of a point: y in 32 bytes little-endian, the top bit x's parity. */
    static byte[] encoded(EdECPoint point) {
        byte[] bigEndian = point.getY().toByteArray();
        byte[] out = new byte[OnionAddress.PUBLIC_KEY_LENGTH];
        for (int i = 0; i < out.length && i < bigEndian.length; i++) {
            out[i] = bigEndian[bigEndian.length - 1 - i];
        }
        if (point.isXOdd()) {
            out[out.length - 1] |= (byte) 0x80;
        }
        return out;
    }

    @Override
    public String toString() {
        return "NewOnion[" + address + "]";
    }
}
