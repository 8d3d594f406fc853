package org.annexp2p.repository.objects;

import io.vavr.control.Option;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.annexp2p.protocol.key.ContentCheck;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.repository.objects.hashes.ContentHashes;

/**
 * Whether bytes are the content of a key, as git-annex decides it on receiving them: the size the key declares
 * (if any) and, for every backend whose key names a hash, that hash. Keys that name none (WORM, URL, external
 * backends...: {@link ContentCheck.Unverifiable}) pass on their size, as in git-annex, and the verdict says so.
 */
public final class Verification {
    private static final int BUFFER = 64 * 1024;

    private Verification() {}

    /** A fresh digest of the hash the key names, or none when its backend is unverifiable. */
    public static Option<MessageDigest> digestFor(Key key) {
        return key.contentCheck() instanceof ContentCheck.ByHash h
                ? Option.some(ContentHashes.newDigest(h.hash())) : Option.none();
    }

    /**
     * The verdict on {@code size} bytes whose digest (from {@link #digestFor}) is {@code digest}; for an
     * unverifiable key there is no digest, and only the size is judged.
     */
    public static Verdict judge(Key key, long size, Option<byte[]> digest) {
        if (!sizeMatches(key, size)) {
            return new Verdict.Mismatch(Verdict.Part.SIZE);
        }
        ContentCheck check = key.contentCheck();
        if (check instanceof ContentCheck.Unverifiable u) {
            return new Verdict.SizeOnly(u.backend());
        }
        String expected = ((ContentCheck.ByHash) check).expected();
        return digest.exists(d -> sameHash(expected, d)) ? new Verdict.Verified()
                : new Verdict.Mismatch(Verdict.Part.HASH);
    }

    /** git-annex compares the lowercase hex exactly. */
    private static boolean sameHash(String expected, byte[] digest) {
        return MessageDigest.isEqual(HashDir.hex(digest).getBytes(StandardCharsets.ISO_8859_1),
                expected.getBytes(StandardCharsets.ISO_8859_1));
    }

    public static boolean sizeMatches(Key key, long size) {
        return key.size().forAll(s -> s == size);
    }

    /** Reads the whole stream and judges it. */
    public static Verdict verify(Key key, InputStream content) throws IOException {
        Option<MessageDigest> digest = digestFor(key);
        byte[] buf = new byte[BUFFER];
        long total = 0;
        for (int n; (n = content.read(buf)) > 0; ) {
            total += n;
            final int len = n;
            digest.forEach(d -> d.update(buf, 0, len));
        }
        return judge(key, total, digest.map(MessageDigest::digest));
    }

    /** Judges bytes held in memory. */
    public static Verdict verify(Key key, byte[] content) {
        return judge(key, content.length, digestFor(key).map(d -> d.digest(content)));
    }
}
