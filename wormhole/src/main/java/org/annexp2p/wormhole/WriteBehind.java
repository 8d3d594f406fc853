package org.annexp2p.wormhole;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.concurrent.CompletableFuture;

/**
 * Pushes a file being received to disk while the transfer goes on, on a thread of its own, so that the fsync
 * before the acknowledgement has little left to write. Never more than one push at a time; the last, full one
 * ({@link #complete}) is synchronous.
 */
final class WriteBehind {

    static final long EVERY = 32L << 20;

    private final FileChannel file;
    private long unpushed;
    private CompletableFuture<Void> pushing = CompletableFuture.completedFuture(null);

    WriteBehind(FileChannel file) {
        this.file = file;
    }

    /** {@code n} more bytes were written; starts a push once enough have piled up and the previous one is done. */
    void wrote(long n) {
        unpushed += n;
        if (unpushed >= EVERY && pushing.isDone()) {
            unpushed = 0;
            pushing = CompletableFuture.runAsync(() -> {
                try {
                    file.force(false);
                } catch (IOException e) {
                    // The final force in complete() reports what matters.
                }
            }, r -> {
                Thread t = new Thread(r, "wormhole-write-behind");
                t.setDaemon(true);
                t.start();
            });
        }
    }

    /** Everything written is on disk, metadata included, once this returns. */
    void complete() throws IOException {
        pushing.join();
        file.force(true);
    }
}
