package org.annexp2p.repository.objects;

import io.vavr.control.Option;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.nio.charset.StandardCharsets;
import org.annexp2p.protocol.key.HashBackend;
import org.annexp2p.protocol.key.Key;

/**
 * Whether bytes are the content of a key, as git-annex decides it: the size the key declares (if any) and,
 * for backends we can hash, the digest its name declares. Other backends (WORM, URL, BLAKE2...) pass on size
 * alone, as they do in git-annex.
 */
public final class Verification {
    private static final int BUFFER = 64 * 1024;

    private Verification() {}

    /** A fresh digest for the key's backend, or none when the backend is not one we can check by hash. */
    public static Option<MessageDigest> digestFor(Key key) {
        return key.hashBackend().map(Verification::newDigest);
    }

    private static MessageDigest newDigest(HashBackend backend) {
        try {
            return MessageDigest.getInstance(backend.jdkAlgorithm());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK lacks " + backend.jdkAlgorithm(), e);
        }
    }

    /** Whether a finished digest is the one the key declares (git-annex compares the lowercase hex exactly). */
    public static boolean digestMatches(Key key, byte[] digest) {
        return MessageDigest.isEqual(HashDir.hex(digest).getBytes(StandardCharsets.ISO_8859_1),
                key.declaredHash().getBytes(StandardCharsets.ISO_8859_1));
    }

    public static boolean sizeMatches(Key key, long size) {
        return key.size().forAll(s -> s == size);
    }

    /** Reads the whole stream and checks size and (where possible) hash. */
    public static boolean verify(Key key, InputStream content) throws IOException {
        Option<MessageDigest> digest = digestFor(key);
        byte[] buf = new byte[BUFFER];
        long total = 0;
        for (int n; (n = content.read(buf)) > 0; ) {
            total += n;
            final int len = n;
            digest.forEach(d -> d.update(buf, 0, len));
        }
        return sizeMatches(key, total) && digest.forAll(d -> digestMatches(key, d.digest()));
    }

    /** Checks bytes held in memory. */
    public static boolean verify(Key key, byte[] content) {
        return sizeMatches(key, content.length)
                && digestFor(key).forAll(d -> digestMatches(key, d.digest(content)));
    }
}
