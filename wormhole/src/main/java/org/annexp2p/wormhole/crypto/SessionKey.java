package org.annexp2p.wormhole.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The 32-byte key both sides share after SPAKE2, and everything Magic Wormhole derives from it. */
public final class SessionKey {

    /** Upstream bug 339: the transit key purpose ignores --appid, so every client must use this exact string. */
    private static final String TRANSIT_PURPOSE = "lothar.com/wormhole/text-or-file-xfer/transit-key";

    private final byte[] key;

    public SessionKey(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("session key must be 32 bytes");
        }
        this.key = key.clone();
    }

    public byte[] derive(String purpose, int length) {
        return Hkdf.derive(key, purpose.getBytes(StandardCharsets.UTF_8), length);
    }

    /** The SecretBox key for messages that {@code side} sends in {@code phase}. */
    public SecretBox phaseBox(String side, String phase) {
        return new SecretBox(phaseKey(side, phase));
    }

    byte[] phaseKey(String side, String phase) {
        byte[] prefix = "wormhole:phase:".getBytes(StandardCharsets.US_ASCII);
        byte[] sideHash = sha256(side.getBytes(StandardCharsets.US_ASCII));
        byte[] phaseHash = sha256(phase.getBytes(StandardCharsets.US_ASCII));
        byte[] info = new byte[prefix.length + 64];
        System.arraycopy(prefix, 0, info, 0, prefix.length);
        System.arraycopy(sideHash, 0, info, prefix.length, 32);
        System.arraycopy(phaseHash, 0, info, prefix.length + 32, 32);
        return Hkdf.derive(key, info, 32);
    }

    /** What {@code wormhole --verify} shows: equal on both sides iff nobody is in the middle. */
    public String verifier() {
        return HexFormat.of().formatHex(derive("wormhole:verifier", 32));
    }

    public byte[] transitKey() {
        return derive(TRANSIT_PURPOSE, 32);
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "SessionKey[hidden]";
    }
}
