package org.annexp2p.repository;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Directory syncs run on a thread of their own while the caller syncs something else. A journalling file system
 * commits fsyncs that are waiting at the same time in one journal commit, where fsyncs one after another each wait
 * for a commit (or a cache flush) of their own: the parents of directories made for an object, synced beside the
 * object's own fsync, then cost no wait of their own.
 */
final class BesideSync {
    /**
     * Threads are reused between keys, which follow each other closely in a transfer of many, and end soon after the
     * last: a server that stores nothing more keeps no thread for it (a cached pool would keep one for a minute).
     */
    private static final ExecutorService SYNCS = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 2, TimeUnit.SECONDS,
            new SynchronousQueue<>(), body -> {
                Thread t = new Thread(body, "annex-p2p directory sync");
                t.setDaemon(true);
                return t;
            });
    private static final BesideSync NOTHING = new BesideSync(CompletableFuture.completedFuture(null));

    private final CompletableFuture<Void> done;

    private BesideSync(CompletableFuture<Void> done) {
        this.done = done;
    }

    /** Starts syncing {@code dirs}, in order, on another thread; {@link #await} before relying on them. */
    static BesideSync directories(List<Path> dirs) {
        if (dirs.isEmpty()) {
            return NOTHING;
        }
        List<Path> copy = List.copyOf(dirs);
        return new BesideSync(CompletableFuture.runAsync(() -> {
            for (Path dir : copy) {
                try {
                    Fsync.directory(dir);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }, SYNCS));
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
