package org.annexp2p.repository;

import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Hashes, on a thread of its own, the chunks a receiving thread has already written, so that hashing (the most
 * expensive part of a verified transfer) overlaps with reading the peer and writing the file instead of
 * following them. A few buffers circulate between the two threads; the receiver never waits for the hash
 * unless it is {@value #SLOTS} chunks ahead. Only worth its thread for large transfers.
 */
final class BackgroundDigest implements AutoCloseable {
    static final int SLOTS = 4;
    static final int CHUNK = 256 * 1024;

    private record Chunk(byte[] bytes, int length) {}

    private static final Chunk END = new Chunk(new byte[0], -1);

    private final MessageDigest digest;
    private final BlockingQueue<byte[]> empty = new ArrayBlockingQueue<>(SLOTS);
    private final BlockingQueue<Chunk> filled = new ArrayBlockingQueue<>(SLOTS + 1);
    private final Thread hasher;
    private volatile Throwable failure;
    private boolean ended;

    BackgroundDigest(MessageDigest digest, String name) {
        this.digest = digest;
        for (int i = 0; i < SLOTS; i++) {
            empty.add(new byte[CHUNK]);
        }
        hasher = BackgroundThread.start("hash " + name, this::hashUntilEnd);
    }

    /** A buffer to read the next chunk into; blocks while the hash is {@value #SLOTS} chunks behind. */
    byte[] buffer() throws InterruptedIOException {
        try {
            return empty.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the hash to catch up");
        }
    }

    /** Hands over a buffer obtained from {@link #buffer()}: its first {@code length} bytes are to be hashed. */
    void hash(byte[] buffer, int length) throws InterruptedIOException {
        try {
            filled.put(new Chunk(buffer, length));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while handing a chunk to the hash");
        }
    }

    /**
     * Waits until every chunk handed over is hashed, then stops the thread. Afterwards the digest has seen exactly
     * the bytes given to {@link #hash}, so the caller's count of hashed bytes stays true even after a failure.
     */
    @Override
    public void close() {
        if (ended) {
            return;
        }
        ended = true;
        filled.add(END); // never full: at most SLOTS chunks are out, and the queue holds SLOTS + 1
        BackgroundThread.awaitEnd(hasher);
    }

    /** Whether the digest missed a chunk (it cannot be trusted then; the caller re-hashes the file instead). */
    boolean failed() {
        return failure != null;
    }

    private void hashUntilEnd() {
        try {
            for (Chunk c; (c = filled.take()) != END; ) {
                if (failure == null) {
                    try {
                        digest.update(c.bytes(), 0, c.length());
                    } catch (RuntimeException e) {
                        failure = e;
                    }
                }
                empty.add(c.bytes());
            }
        } catch (InterruptedException e) {
            failure = e;
        }
    }
}
