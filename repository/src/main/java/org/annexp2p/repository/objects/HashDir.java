package org.annexp2p.repository.objects;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.wire.WireText;

/**
 * The two ways git-annex spreads keys over directories, both derived from the MD5 of the key serialized
 * without its chunk fields. {@link #MIXED} ({@code J7/0G}) is used for objects in non-bare repositories;
 * {@link #LOWER} ({@code e7d/d01}) for objects in bare repositories and for every file of the git-annex branch.
 */
public enum HashDir {
    MIXED {
        @Override
        public List<String> components(Key key) {
            byte[] d = md5(key);
            long w = (d[0] & 0xFFL) | (d[1] & 0xFFL) << 8 | (d[2] & 0xFFL) << 16 | (d[3] & 0xFFL) << 24;
            char[] c = new char[4];
            for (int i = 0; i < 4; i++) {
                c[i] = MIXED_ALPHABET.charAt((int) ((w >> (6 * i)) & 31));
            }
            // git-annex shows the 6-bit groups with each pair swapped: c1 c0 / c3 c2.
            return List.of("" + c[1] + c[0], "" + c[3] + c[2]);
        }
    },
    LOWER {
        @Override
        public List<String> components(Key key) {
            String hex = hex(md5(key));
            return List.of(hex.substring(0, 3), hex.substring(3, 6));
        }
    };

    private static final String MIXED_ALPHABET = "0123456789zqjxkmvwgpfZQJXKMVWGPF";

    /** The two directory names, outermost first. */
    public abstract List<String> components(Key key);

    /** The directories as git-annex prints them: {@code J7/0G/}. */
    public String format(Key key) {
        List<String> c = components(key);
        return c.get(0) + "/" + c.get(1) + "/";
    }

    /** Where a repository looks for an object, in git-annex's order: its own layout first, then the other. */
    public static List<HashDir> lookupOrder(boolean bare) {
        return bare ? List.of(LOWER, MIXED) : List.of(MIXED, LOWER);
    }

    private static byte[] md5(Key key) {
        try {
            return MessageDigest.getInstance("MD5").digest(WireText.toBytes(key.withoutChunks().serialize()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }

    static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return sb.toString();
    }
}
