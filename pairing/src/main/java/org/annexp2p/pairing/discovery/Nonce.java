package org.annexp2p.pairing.discovery;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

/** 16 random bytes, unique per announcement; the replay guard remembers the ones it has seen. */
public record Nonce(byte[] bytes) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public Nonce {
        if (bytes.length != Announcement.NONCE_BYTES) {
            throw new IllegalArgumentException("a nonce has " + Announcement.NONCE_BYTES + " bytes, not " + bytes.length);
        }
        bytes = bytes.clone();
    }

    public static Nonce random() {
        byte[] bytes = new byte[Announcement.NONCE_BYTES];
        RANDOM.nextBytes(bytes);
        return new Nonce(bytes);
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Nonce n && Arrays.equals(bytes, n.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(bytes);
    }
}
