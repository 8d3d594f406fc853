package org.annexp2p.http.client;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.annexp2p.transports.BulkInputStream;

/**
 * A put's body that holds its last byte back until the sender knows whether what it read was valid: then the byte
 * goes out, or, for content that changed while it was read, the body ends one byte short of the announced length,
 * which is how p2phttp says "invalid" (git-annex's client does the same).
 */
final class LastByteHeld extends BulkInputStream {
    private final InputStream content;
    private final long length;
    private final CompletableFuture<Boolean> valid = new CompletableFuture<>();
    private final CountDownLatch taken = new CountDownLatch(1);
    private long passed;

    LastByteHeld(InputStream content, long length) {
        this.content = content;
        this.length = length;
        if (length == 0) {
            taken.countDown();
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (passed >= length || len == 0) {
            return passed >= length ? -1 : 0;
        }
        if (passed < length - 1) {
            int n = content.read(b, off, (int) Math.min(len, length - 1 - passed));
            if (n < 0) {
                throw new IOException("the content ended " + (length - passed) + " bytes early");
            }
            passed += n;
            return n;
        }
        int last = content.read();
        if (last < 0) {
            throw new IOException("the content ended 1 byte early");
        }
        taken.countDown();
        boolean ok;
        try {
            ok = valid.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } catch (ExecutionException e) {
            ok = false;
        }
        passed = length;
        if (!ok) {
            return -1;
        }
        b[off] = (byte) last;
        return 1;
    }

    /** Whether the content read was valid: lets the last byte go, or ends the body without it. */
    void validity(boolean ok) {
        valid.complete(ok);
    }

    /**
     * Waits until every byte of the content was read from its source (the last one held), or fails with why the
     * request ended first.
     */
    void awaitTaken(CompletableFuture<?> request) throws IOException {
        try {
            while (!taken.await(100, TimeUnit.MILLISECONDS)) {
                if (request.isDone()) {
                    request.get();
                    throw new IOException("the server answered before it had the content");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? new IOException(io.getMessage(), io) : new IOException(e.getCause());
        }
    }
}
