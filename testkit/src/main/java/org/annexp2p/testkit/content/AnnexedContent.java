package org.annexp2p.testkit.content;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;
import org.annexp2p.protocol.key.Key;

/**
 * Content and the key git-annex gives it, made by the test itself: the digest is the JDK's, never the code under
 * test's, so a test that compares the two can catch a wrong hash. {@code SHA256E} with an extension is what
 * {@code git annex add} names a file by default.
 */
public record AnnexedContent(Key key, byte[] bytes) {

    /** {@code bytes} under their {@code SHA256E} key with {@code extension} (".bin", ".txt", or "" for none). */
    public static AnnexedContent of(byte[] bytes, String extension) {
        return new AnnexedContent(sha256e(bytes, extension), bytes);
    }

    /** UTF-8 text under its {@code SHA256E} key with {@code extension}. */
    public static AnnexedContent text(String text, String extension) {
        return of(text.getBytes(StandardCharsets.UTF_8), extension);
    }

    /** {@code size} bytes from {@code random}, as a {@code .bin} file. */
    public static AnnexedContent random(Random random, int size) {
        byte[] b = new byte[size];
        random.nextBytes(b);
        return of(b, ".bin");
    }

    /** {@code size} bytes that {@code seed} always gives again, as a {@code .bin} file. */
    public static AnnexedContent seeded(long seed, int size) {
        return random(new Random(seed), size);
    }

    /** The key as git-annex prints it (e.g. {@code SHA256E-s5--2cf2....txt}). */
    public String keyText() {
        return key.serialize();
    }

    public int size() {
        return bytes.length;
    }

    /** The digest the key declares: what every stored copy must hash to. */
    public String hash() {
        return key.declaredHash();
    }

    public static Key sha256e(byte[] content, String extension) {
        return Key.of("SHA256E", content.length, hex("SHA-256", content) + extension);
    }

    public static Key sha512(byte[] content) {
        return Key.of("SHA512", content.length, hex("SHA-512", content));
    }

    /** Lower-case hex of {@code content}'s SHA-256. */
    public static String sha256(byte[] content) {
        return hex("SHA-256", content);
    }

    private static String hex(String algorithm, byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has " + algorithm, e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AnnexedContent other && key.equals(other.key) && java.util.Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    @Override
    public String toString() {
        return keyText();
    }
}
