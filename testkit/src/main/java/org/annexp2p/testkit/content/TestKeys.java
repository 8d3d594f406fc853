package org.annexp2p.testkit.content;

import java.security.MessageDigest;
import java.util.HexFormat;
import org.annexp2p.protocol.key.Key;

public final class TestKeys {
    private TestKeys() {}

    public static Key sha256e(byte[] content, String extension) {
        try {
            String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
            return Key.of("SHA256E", content.length, hex + extension);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Key sha512(byte[] content) {
        try {
            String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(content));
            return Key.of("SHA512", content.length, hex);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Key worm(long size, String name) {
        return Key.of("WORM", size, name);
    }
}
