package org.annexp2p.testkit.content;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.annexp2p.protocol.key.Key;

/**
 * Keys real git-annex computed for known content (git-annex-keys.txt: how they were made is at its top), so that
 * tests judge our hashes against git-annex's and not against themselves.
 */
public final class GitAnnexKeys {
    /** From this size on a transfer hashes beside the I/O; the vectors hold one content past it. */
    public static final long LARGE = 8L << 20;

    private static final List<Key> ALL = load();

    private GitAnnexKeys() {}

    /** Every vector: one key per hash backend (without E) and content size. */
    public static List<Key> all() {
        return ALL;
    }

    /** The content each vector's key was computed from: the first {@code size} bytes of the pattern. */
    public static byte[] content(Key key) {
        byte[] b = new byte[Math.toIntExact(key.size().get())];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (31 * i + 7);
        }
        return b;
    }

    /** The same hash under the backend's E variant, with an extension (git-annex hashes the name up to its '.'). */
    public static Key withExtension(Key key, String extension) {
        return new Key(key.backend() + "E", key.size(), key.mtime(), key.chunkSize(), key.chunkNumber(),
                key.name() + extension);
    }

    private static List<Key> load() {
        try (InputStream in = GitAnnexKeys.class.getResourceAsStream("git-annex-keys.txt")) {
            if (in == null) {
                throw new IllegalStateException("git-annex-keys.txt is missing from the test resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .map(l -> Key.parse(l).getOrElseThrow((String why) -> new IllegalStateException(why)))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
