package org.annexp2p.tor.onion;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * An onion service private key in the form ADD_ONION takes and returns, {@code ED25519-V3:<base64 of the
 * 64-byte expanded secret key>}. A secret: never printed.
 */
public record OnionKey(String blob) {

    public static final String TYPE = "ED25519-V3";
    private static final int EXPANDED_KEY_LENGTH = 64;

    public OnionKey {
        if (blob == null || !blob.startsWith(TYPE + ":")) {
            throw new IllegalArgumentException("an onion key must start with " + TYPE + ":");
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(blob.substring(TYPE.length() + 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the onion key is not valid base64");
        }
        if (raw.length != EXPANDED_KEY_LENGTH) {
            throw new IllegalArgumentException("the onion key has " + raw.length + " bytes, expected 64");
        }
    }

    /**
     * The expanded secret key of an ed25519 seed, as tor's ed25519 code makes it: SHA-512 of the seed, its first
     * half clamped into the scalar (low 3 bits clear, top bit clear, next bit set), its second half the nonce
     * prefix. Tor keeps and accepts only this form, so the seed itself is not stored.
     */
    static OnionKey fromSeed(byte[] seed) {
        byte[] expanded;
        try {
            expanded = MessageDigest.getInstance("SHA-512").digest(seed);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM lacks SHA-512, which every Java runtime has", e);
        }
        try {
            expanded[0] &= (byte) 248;
            expanded[31] &= 63;
            expanded[31] |= 64;
            return new OnionKey(TYPE + ":" + Base64.getEncoder().encodeToString(expanded));
        } finally {
            Arrays.fill(expanded, (byte) 0);
        }
    }

    @Override
    public String toString() {
        return "OnionKey[<redacted>]";
    }
}
