package org.annexp2p.repository;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The threads one repository syncs directories on, beside the syncs of its callers ({@link BesideSync}). Owned by
 * the repository that made it, so two repositories in one process share no threads and a test can hold its own.
 * Threads are reused between keys, which follow each other closely in a transfer of many, and end soon after the
 * last: a repository that stores nothing more keeps no thread for it (a cached pool would keep one for a minute), so
 * there is nothing to close.
 */
final class DirectorySyncs {
    static final String THREAD_NAME = "annex-p2p directory sync";
    private static final long IDLE_SECONDS = 2;

    private final ExecutorService threads;

    DirectorySyncs() {
        this(body -> {
            Thread t = new Thread(body, THREAD_NAME);
            t.setDaemon(true);
            return t;
        });
    }

    /** With threads from {@code factory} (a test counts them). */
    DirectorySyncs(ThreadFactory factory) {
        threads = new ThreadPoolExecutor(0, Integer.MAX_VALUE, IDLE_SECONDS, TimeUnit.SECONDS, new SynchronousQueue<>(),
                factory);
    }

    /** Starts syncing {@code dirs}, in order, on another thread; {@link BesideSync#await} before relying on them. */
    BesideSync start(List<Path> dirs) {
        if (dirs.isEmpty()) {
            return BesideSync.NOTHING;
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
        }, threads));
    }
}
