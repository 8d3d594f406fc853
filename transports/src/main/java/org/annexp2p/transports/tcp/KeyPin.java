package org.annexp2p.transports.tcp;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;

/**
 * The SHA-256 of a TLS server's public key (its X.509 SubjectPublicKeyInfo), written as 43 characters of unpadded
 * base64url: what a {@code tls://} address carries so that a client trusts that one key and nothing else. Not a
 * secret. The same digest as pairing's key fingerprint, in a shorter form for addresses people paste.
 */
public record KeyPin(byte[] sha256) {

    static final int TEXT_LENGTH = 43;

    public KeyPin {
        if (sha256.length != 32) {
            throw new IllegalArgumentException("a key pin has 32 bytes, not " + sha256.length);
        }
        sha256 = sha256.clone();
    }

    public static KeyPin of(PublicKey key) {
        try {
            return new KeyPin(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable in this JVM", e);
        }
    }

    /**
     * Parses what {@link #toString()} prints. Only that exact form: a 43rd character with stray low bits would
     * decode to the same key, and two spellings of one pin would break comparing addresses as text.
     *
     * @throws IllegalArgumentException saying what a pin looks like
     */
    public static KeyPin parse(String text) {
        if (text.length() != TEXT_LENGTH || !text.chars().allMatch(KeyPin::isBase64Url)) {
            throw new IllegalArgumentException("a key pin is " + TEXT_LENGTH + " characters of A-Z a-z 0-9 - _");
        }
        KeyPin pin = new KeyPin(Base64.getUrlDecoder().decode(text));
        if (!pin.toString().equals(text)) {
            throw new IllegalArgumentException("not a key pin: its last character is not one a SHA-256 ends in");
        }
        return pin;
    }

    @Override
    public byte[] sha256() {
        return sha256.clone();
    }

    /** Whether {@code key} is the pinned one; compared in constant time, as everything checked against a peer. */
    public boolean matches(PublicKey key) {
        return MessageDigest.isEqual(sha256, of(key).sha256);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyPin p && MessageDigest.isEqual(sha256, p.sha256);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sha256);
    }

    @Override
    public String toString() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256);
    }

    private static boolean isBase64Url(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }
}
