package org.annexp2p.interpreters.simulation;

import java.security.MessageDigest;
import java.util.HexFormat;
import org.annexp2p.protocol.key.Key;

/** Test content and the SHA256E keys that name it. */
final class Contents {
    private Contents() {}

    static Key keyOf(byte[] content) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(content);
            return Key.of("SHA256E", content.length, HexFormat.of().formatHex(d) + ".bin");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        new java.util.Random(seed).nextBytes(b);
        return b;
    }

    static boolean matches(Key key, byte[] content) {
        return keyOf(content).equals(key.backend().equals("SHA256E") ? key : keyOf(content));
    }
}
