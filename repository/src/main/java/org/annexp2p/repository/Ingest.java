package org.annexp2p.repository;

import io.vavr.control.Option;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.program.Destination;
import org.annexp2p.protocol.wire.Len;
import org.annexp2p.protocol.wire.Offset;
import org.annexp2p.protocol.wire.Validity;

/**
 * Adds content to a repository under the key git-annex's default backend gives it (SHA256E), stores it in the
 * object store and logs it present, as {@code git annex add} does for a file's content.
 */
public final class Ingest {
    private Ingest() {}

    /** Content that can be read more than once: once to find its key, once to store it. */
    @FunctionalInterface
    public interface Source {
        InputStream open() throws IOException;
    }

    /**
     * Stores {@code content} in {@code repository} under its SHA256E key with {@code extension} (".bin", or ""
     * for none) and returns the key. Fails, storing nothing, if the second reading differs from the first.
     */
    public static Key sha256e(Repository repository, Source content, String extension) throws IOException {
        Key key = keyOf(content, extension);
        Destination store = new Destination.ObjectStore(key);
        Option<Transfer> begun = repository.beginTransfer(store);
        if (begun.isEmpty()) {
            throw new IOException(key + " is being received by another transfer");
        }
        try (Transfer transfer = begun.get(); InputStream in = content.open()) {
            transfer.write(Offset.ZERO, Len.of(key.size().get()), in);
            // Verified against the key as it was written: content that changed between the readings is refused.
            if (!transfer.finish(Option.some(Validity.VALID))) {
                throw new IOException("could not store " + key + ": its content changed while it was added");
            }
        }
        repository.recordArrival(store);
        return key;
    }

    /** The SHA256E key of {@code content}, as git-annex's default backend names it. */
    public static Key keyOf(Source content, String extension) throws IOException {
        MessageDigest sha = sha256();
        long size = 0;
        byte[] buf = new byte[1 << 16];
        try (InputStream in = content.open()) {
            for (int n; (n = in.read(buf)) >= 0; ) {
                sha.update(buf, 0, n);
                size += n;
            }
        }
        return Key.of("SHA256E", size, HexFormat.of().formatHex(sha.digest()) + extension);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
