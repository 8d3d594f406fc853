package org.annexp2p.repository;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Directory syncs run on a thread of their own while the caller syncs something else. A journalling file system
 * commits fsyncs that are waiting at the same time in one journal commit, where fsyncs one after another each wait
 * for a commit (or a cache flush) of their own: the parents of directories made for an object, synced beside the
 * object's own fsync, then cost no wait of their own.
 */
final class BesideSync {
    static final BesideSync NOTHING = new BesideSync(CompletableFuture.completedFuture(null));

    private final CompletableFuture<Void> done;

    /** Done when {@code done} completes; started by {@link DirectorySyncs#start}. */
    BesideSync(CompletableFuture<Void> done) {
        this.done = done;
    }

    /**
     * Waits until every directory is synced, or throws the first failure. An interrupt does not cut the wait short
     * (it is kept for the caller): the caller must not report the directories durable before they are.
     */
    void await() throws IOException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    done.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof UncheckedIOException io) {
                        throw io.getCause();
                    }
                    throw new IOException("syncing a directory failed", cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
