package org.annexp2p.repository;

import io.vavr.control.Option;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import org.annexp2p.protocol.key.ContentCheck;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.wire.Len;
import org.annexp2p.protocol.wire.Offset;
import org.annexp2p.protocol.wire.Validity;
import org.annexp2p.repository.objects.Verdict;
import org.annexp2p.repository.objects.Verification;

/**
 * The receiving rules of git-annex's {@code storefile}, shared by every repository: hash while writing (after
 * hashing what a resumed copy already holds), never store past the key's size, trust the incremental hash only
 * after VALID with every announced byte received, re-hash the whole copy otherwise, keep an incomplete copy
 * for resuming and discard a wrong one.
 */
final class TransferImpl implements Transfer {
    private static final int BUFFER = 64 * 1024;
    /** From this size on, hashing runs beside the I/O on a thread of its own (see {@link BackgroundDigest}). */
    private static final long BACKGROUND_FROM = 8L << 20;

    private final Key key;
    private final PartialCopy copy;
    private final Runnable release;

    private Option<MessageDigest> digest = Option.none();
    /** How many leading bytes of the copy {@link #digest} has seen. */
    private long hashed;
    private boolean wrote;
    private long announcedEnd;
    private long receivedEnd;
    private boolean oversized;
    private boolean closed;

    TransferImpl(Key key, PartialCopy copy, Runnable release) {
        this.key = key;
        this.copy = copy;
        this.release = release;
    }

    @Override
    public Len write(Offset offset, Len length, InputStream in) throws IOException {
        requireOpen();
        long start = offset.value();
        long have = copy.size();
        wrote = true;
        announcedEnd = start + length.value();
        receivedEnd = start;
        if (start > have) {
            // The copy shrank since its size was announced: these bytes would leave a hole. Refuse them.
            receivedEnd = -1;
            drain(in, length.value());
            return Len.ZERO;
        }
        prepareDigest(start);
        long room = key.size().map(s -> Math.max(0, s - start)).getOrElse(Long.MAX_VALUE);
        long stored = 0;
        BackgroundDigest background = digest.isDefined() && length.value() >= BACKGROUND_FROM
                ? new BackgroundDigest(digest.get(), key.toString()) : null;
        byte[] own = background != null ? null : new byte[(int) Math.min(BUFFER, Math.max(1, length.value()))];
        try (OutputStream out = copy.appendAt(start)) {
            long remaining = length.value();
            while (remaining > 0) {
                byte[] buf = background != null ? background.buffer() : own;
                int n = in.read(buf, 0, (int) Math.min(buf.length, remaining));
                if (n < 0) {
                    break;
                }
                remaining -= n;
                receivedEnd += n;
                int keep = (int) Math.min(n, room - stored);
                if (keep < n) {
                    oversized = true;
                }
                if (keep > 0) {
                    out.write(buf, 0, keep);
                    stored += keep;
                    hashed += keep;
                }
                if (background != null) {
                    background.hash(buf, Math.max(keep, 0));
                } else if (keep > 0) {
                    digest.forEach(d -> d.update(buf, 0, keep));
                }
            }
        } finally {
            if (background != null) {
                background.close();
                if (background.failed()) {
                    digest = Option.none();
                }
            }
        }
        return Len.of(stored);
    }

    private void prepareDigest(long offset) throws IOException {
        digest = Verification.digestFor(key);
        hashed = 0;
        if (digest.isEmpty() || offset == 0) {
            return;
        }
        // Resuming: the incremental hash must first see the bytes already held.
        byte[] buf = new byte[BUFFER];
        try (InputStream held = copy.read()) {
            while (hashed < offset) {
                int n = held.read(buf, 0, (int) Math.min(buf.length, offset - hashed));
                if (n < 0) {
                    break;
                }
                digest.get().update(buf, 0, n);
                hashed += n;
            }
        }
        if (hashed != offset) {
            digest = Option.none();
        }
    }

    private static void drain(InputStream in, long length) throws IOException {
        byte[] buf = new byte[BUFFER];
        long remaining = length;
        while (remaining > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, remaining));
            if (n < 0) {
                return;
            }
            remaining -= n;
        }
    }

    @Override
    public boolean finish(Option<Validity> validity) throws IOException {
        requireOpen();
        try {
            return decide(validity);
        } finally {
            close();
        }
    }

    private boolean decide(Option<Validity> validity) throws IOException {
        if (oversized) {
            copy.discard();
            return false;
        }
        long size = copy.size();
        boolean allReceived = wrote ? receivedEnd == announcedEnd && size == announcedEnd : key.size().contains(size);
        if (!allReceived) {
            return false;
        }
        if (!Verification.sizeMatches(key, size)) {
            copy.discard();
            return false;
        }
        if (!judge(validity, size).accepted()) {
            copy.discard();
            return false;
        }
        copy.complete();
        return true;
    }

    /** The verdict on the whole copy, which already has the key's size. */
    private Verdict judge(Option<Validity> validity, long size) throws IOException {
        if (key.contentCheck() instanceof ContentCheck.Unverifiable) {
            return Verification.judge(key, size, Option.none()); // size only, as git-annex: nothing to read
        }
        if (validity.contains(Validity.VALID) && digest.isDefined() && hashed == size) {
            return Verification.judge(key, size, Option.some(digest.get().digest()));
        }
        try (InputStream all = copy.read()) {
            return Verification.verify(key, all);
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("transfer of " + key + " is already finished");
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            release.run();
        }
    }
}
