package org.annexp2p.wormhole.crypto;

import java.security.MessageDigest;
import java.security.SecureRandom;

/**
 * NaCl {@code crypto_secretbox} (XSalsa20-Poly1305) in the wire layout Magic Wormhole uses:
 * {@code nonce(24) || tag(16) || ciphertext}. The buffer forms let Transit seal and open records in place of
 * buffers it reuses.
 */
public final class SecretBox {

    public static final int NONCE_BYTES = 24;
    public static final int TAG_BYTES = Poly1305.TAG_BYTES;
    public static final int OVERHEAD = NONCE_BYTES + TAG_BYTES;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int[] key = new int[8];

    public SecretBox(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("secretbox key must be 32 bytes");
        }
        for (int i = 0; i < 8; i++) {
            this.key[i] = (int) XSalsa20.LE.get(key, 4 * i);
        }
    }

    /** Seals with a fresh random nonce. */
    public byte[] seal(byte[] plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        return seal(nonce, plaintext);
    }

    public byte[] seal(byte[] nonce, byte[] plaintext) {
        byte[] out = new byte[OVERHEAD + plaintext.length];
        seal(nonce, plaintext, 0, plaintext.length, out, 0);
        return out;
    }

    /**
     * Seals {@code length} bytes of {@code in} into {@code out} at {@code outOffset} as nonce, tag, ciphertext
     * ({@link #OVERHEAD} + {@code length} bytes); returns that size. The plaintext may not overlap the output.
     */
    public int seal(byte[] nonce, byte[] in, int inOffset, int length, byte[] out, int outOffset) {
        if (nonce.length != NONCE_BYTES) {
            throw new IllegalArgumentException("secretbox nonce must be 24 bytes");
        }
        System.arraycopy(nonce, 0, out, outOffset, NONCE_BYTES);
        int ciphertext = outOffset + OVERHEAD;
        XSalsa20 stream = new XSalsa20(key, nonce, 0);
        int[] polyKey = crypt(stream, in, inOffset, out, ciphertext, length);
        Poly1305.tag(polyKey, out, ciphertext, length, out, outOffset + NONCE_BYTES);
        return OVERHEAD + length;
    }

    /** Opens {@code nonce || tag || ciphertext}; the tag is checked in constant time before anything is decrypted. */
    public byte[] open(byte[] box) throws DecryptionException {
        if (box.length < OVERHEAD) {
            throw new DecryptionException("encrypted message too short (" + box.length + " bytes)");
        }
        byte[] plain = new byte[box.length - OVERHEAD];
        open(box, 0, box.length, plain, 0);
        return plain;
    }

    /** Opens the {@code length}-byte box at {@code offset} into {@code out}; returns the plaintext's length. */
    public int open(byte[] box, int offset, int length, byte[] out, int outOffset) throws DecryptionException {
        if (length < OVERHEAD) {
            throw new DecryptionException("encrypted message too short (" + length + " bytes)");
        }
        XSalsa20 stream = new XSalsa20(key, box, offset);
        int[] polyKey = stream.next().clone();
        int plainLength = length - OVERHEAD;
        byte[] tag = new byte[TAG_BYTES];
        Poly1305.tag(polyKey, box, offset + OVERHEAD, plainLength, tag, 0);
        byte[] theirs = java.util.Arrays.copyOfRange(box, offset + NONCE_BYTES, offset + OVERHEAD);
        if (!MessageDigest.isEqual(tag, theirs)) {
            throw new DecryptionException("message failed authentication");
        }
        int head = Math.min(32, plainLength);
        XSalsa20.xorBytes(polyKey, 32, box, offset + OVERHEAD, out, outOffset, head);
        stream.xor(box, offset + OVERHEAD + head, out, outOffset + head, plainLength - head);
        return plainLength;
    }

    /**
     * XORs with the keystream from byte 32 on, as NaCl does: the first 32 bytes of block 0 are the one-time
     * Poly1305 key, which this returns (block 0's words).
     */
    private static int[] crypt(XSalsa20 stream, byte[] in, int inOffset, byte[] out, int outOffset, int length) {
        int[] block0 = stream.next().clone();
        int head = Math.min(32, length);
        XSalsa20.xorBytes(block0, 32, in, inOffset, out, outOffset, head);
        stream.xor(in, inOffset + head, out, outOffset + head, length - head);
        return block0;
    }

    @Override
    public String toString() {
        return "SecretBox[key hidden]";
    }
}
