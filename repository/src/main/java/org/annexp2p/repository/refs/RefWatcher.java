package org.annexp2p.repository.refs;

import io.vavr.collection.List;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import org.annexp2p.protocol.wire.ChangedRefs;

/**
 * Change notification for NOTIFYCHANGE, as git-annex's server gives it, for one connection: the loose ref files
 * under {@code .git/refs} are watched and the answers are the new SHAs written to them (not ref names). Like
 * git-annex's watcher, which starts with a scan, the first answer comes at once with the SHAs of all existing
 * refs; later answers wait for a change and gather what else changes within 50 ms. Every waiter on a repository
 * shares one watch ({@link RefChanges}); changes made while this connection was not waiting are kept for it.
 */
public final class RefWatcher implements AutoCloseable {
    private final RefChanges changes;
    /** Guarded by this. */
    private final Set<String> pending = new LinkedHashSet<>();
    private boolean scanned;
    /** Why waiting is over (closed, or the watch broke); guarded by this. */
    private String ended;
    /** Guarded by this. */
    private boolean left;

    RefWatcher(RefChanges changes) {
        this.changes = changes;
    }

    /** Starts watching the refs of the repository whose git directory is {@code gitDir}. */
    public static RefWatcher open(Path gitDir) throws IOException {
        return RefChanges.SYSTEM.join(gitDir);
    }

    /**
     * Blocks until refs change (the first call answers at once with every ref); the new SHAs. Fails once
     * {@link #close()} was called, from any thread: that is how a wait is cut short.
     */
    public ChangedRefs next() throws IOException {
        synchronized (this) {
            if (ended != null) {
                throw new IOException(ended);
            }
        }
        if (!scanned) {
            scanned = true;
            Set<String> all = RefChanges.scan(changes.refs());
            if (!all.isEmpty()) {
                return new ChangedRefs(List.ofAll(all));
            }
        }
        synchronized (this) {
            while (pending.isEmpty() && ended == null) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for refs to change");
                }
            }
            if (ended != null) {
                throw new IOException(ended);
            }
            ChangedRefs answer = new ChangedRefs(List.ofAll(pending));
            pending.clear();
            return answer;
        }
    }

    synchronized void deliver(Set<String> shas) {
        pending.addAll(shas);
        notifyAll();
    }

    synchronized void fail(String why) {
        if (ended == null) {
            ended = why;
        }
        notifyAll();
    }

    /** Ends a wait in progress and gives up this connection's interest; idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (left) {
                return;
            }
            left = true;
            if (ended == null) {
                ended = "change notification closed";
            }
            notifyAll();
        }
        changes.leave(this);
    }
}
