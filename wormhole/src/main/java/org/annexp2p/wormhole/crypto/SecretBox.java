package org.annexp2p.wormhole.crypto;

import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.engines.XSalsa20Engine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * NaCl {@code crypto_secretbox} (XSalsa20-Poly1305) in the wire layout Magic Wormhole uses:
 * {@code nonce(24) || tag(16) || ciphertext}. BouncyCastle has the primitives but no box.
 */
public final class SecretBox {

    public static final int NONCE_BYTES = 24;
    public static final int TAG_BYTES = 16;
    public static final int OVERHEAD = NONCE_BYTES + TAG_BYTES;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;

    public SecretBox(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("secretbox key must be 32 bytes");
        }
        this.key = key.clone();
    }

    /** Seals with a fresh random nonce. */
    public byte[] seal(byte[] plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        return seal(nonce, plaintext);
    }

    public byte[] seal(byte[] nonce, byte[] plaintext) {
        if (nonce.length != NONCE_BYTES) {
            throw new IllegalArgumentException("secretbox nonce must be 24 bytes");
        }
        XSalsa20Engine stream = stream(nonce);
        byte[] out = new byte[OVERHEAD + plaintext.length];
        System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
        Poly1305 mac = mac(stream);
        stream.processBytes(plaintext, 0, plaintext.length, out, OVERHEAD);
        mac.update(out, OVERHEAD, plaintext.length);
        mac.doFinal(out, NONCE_BYTES);
        return out;
    }

    /** Opens {@code nonce || tag || ciphertext}; the tag is checked in constant time before anything is decrypted. */
    public byte[] open(byte[] box) throws DecryptionException {
        if (box.length < OVERHEAD) {
            throw new DecryptionException("encrypted message too short (" + box.length + " bytes)");
        }
        XSalsa20Engine stream = stream(Arrays.copyOfRange(box, 0, NONCE_BYTES));
        Poly1305 mac = mac(stream);
        mac.update(box, OVERHEAD, box.length - OVERHEAD);
        byte[] tag = new byte[TAG_BYTES];
        mac.doFinal(tag, 0);
        if (!org.bouncycastle.util.Arrays.constantTimeAreEqual(TAG_BYTES, tag, 0, box, NONCE_BYTES)) {
            throw new DecryptionException("message failed authentication");
        }
        byte[] plain = new byte[box.length - OVERHEAD];
        stream.processBytes(box, OVERHEAD, plain.length, plain, 0);
        return plain;
    }

    private XSalsa20Engine stream(byte[] nonce) {
        XSalsa20Engine stream = new XSalsa20Engine();
        stream.init(true, new ParametersWithIV(new KeyParameter(key), nonce));
        return stream;
    }

    /** The first 32 keystream bytes are the one-time Poly1305 key, as in NaCl. */
    private static Poly1305 mac(XSalsa20Engine stream) {
        byte[] polyKey = new byte[32];
        stream.processBytes(new byte[32], 0, 32, polyKey, 0);
        Poly1305 mac = new Poly1305();
        mac.init(new KeyParameter(polyKey));
        return mac;
    }

    @Override
    public String toString() {
        return "SecretBox[key hidden]";
    }
}
