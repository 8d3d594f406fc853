package org.annexp2p.wormhole.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HKDF-SHA256 (RFC 5869) with no salt, the only form Magic Wormhole uses to derive keys, over the JDK's HMAC.
 * Not BouncyCastle's HKDF: its jar is signed, and the first class a process loads from it makes the JVM check the
 * signature of the whole jar, which was a large part of a wormhole's start (docs/performance.md).
 */
public final class Hkdf {

    private static final String HMAC = "HmacSHA256";
    private static final int HASH_LENGTH = 32;

    private Hkdf() {
    }

    /** {@code length} bytes (at most 255 hashes) from {@code ikm} and {@code info}; no salt, as an empty salt. */
    public static byte[] derive(byte[] ikm, byte[] info, int length) {
        if (length < 0 || length > 255 * HASH_LENGTH) {
            throw new IllegalArgumentException("HKDF-SHA256 cannot make " + length + " bytes");
        }
        try {
            Mac mac = Mac.getInstance(HMAC);
            // Extract: an absent salt is a hash-length string of zeros (RFC 5869 §2.2).
            mac.init(new SecretKeySpec(new byte[HASH_LENGTH], HMAC));
            byte[] prk = mac.doFinal(ikm);
            // Expand: T(i) = HMAC(PRK, T(i-1) | info | i).
            mac.init(new SecretKeySpec(prk, HMAC));
            byte[] out = new byte[length];
            byte[] block = new byte[0];
            for (int i = 1, done = 0; done < length; i++) {
                mac.update(block);
                mac.update(info);
                mac.update((byte) i);
                block = mac.doFinal();
                int n = Math.min(block.length, length - done);
                System.arraycopy(block, 0, out, done, n);
                done += n;
            }
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is missing from this JVM", e);
        }
    }
}
