package org.annexp2p.pairing.tls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * SHA-256 of a public key's X.509 SubjectPublicKeyInfo: what a pinned TLS link compares, what a QR payload
 * carries. Not a secret, so it may appear in messages.
 */
public record KeyFingerprint(byte[] sha256) {

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    public KeyFingerprint {
        if (sha256.length != 32) {
            throw new IllegalArgumentException("a key fingerprint has 32 bytes, not " + sha256.length);
        }
        sha256 = sha256.clone();
    }

    public static KeyFingerprint of(PublicKey key) {
        return of(key.getEncoded());
    }

    /** Of an encoded SubjectPublicKeyInfo, as exchanged while pairing. */
    public static KeyFingerprint of(byte[] subjectPublicKeyInfo) {
        try {
            return new KeyFingerprint(MessageDigest.getInstance("SHA-256").digest(subjectPublicKeyInfo));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable in this JVM", e);
        }
    }

    /** Parses 64 lowercase hex characters. */
    public static KeyFingerprint parse(String hex) {
        if (!HEX64.matcher(hex).matches()) {
            throw new IllegalArgumentException("a key fingerprint is 64 lowercase hex characters");
        }
        return new KeyFingerprint(HexFormat.of().parseHex(hex));
    }

    @Override
    public byte[] sha256() {
        return sha256.clone();
    }

    public boolean matches(PublicKey key) {
        return MessageDigest.isEqual(sha256, of(key).sha256);
    }

    public String hex() {
        return HexFormat.of().formatHex(sha256);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyFingerprint f && MessageDigest.isEqual(sha256, f.sha256);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(sha256);
    }

    /** {@code sha256:} and the first 16 hex digits: enough to tell keys apart in a message. */
    @Override
    public String toString() {
        return "sha256:" + hex().substring(0, 16);
    }
}
