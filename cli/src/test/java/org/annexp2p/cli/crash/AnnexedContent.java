package org.annexp2p.cli.crash;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;

/** Content and its SHA256E key (as {@code git annex add} names a {@code .bin} file), made by the test itself. */
record AnnexedContent(String key, byte[] bytes) {

    static AnnexedContent random(Random random, int size) {
        byte[] b = new byte[size];
        random.nextBytes(b);
        return new AnnexedContent("SHA256E-s" + size + "--" + sha256(b, b.length) + ".bin", b);
    }

    int size() {
        return bytes.length;
    }

    /** The hash part of the key: what every stored copy must hash to. */
    String hash() {
        int from = key.indexOf("--") + 2;
        return key.substring(from, key.indexOf('.', from));
    }

    static String sha256(byte[] b, int length) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(b, 0, length);
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
