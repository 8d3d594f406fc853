package org.annexp2p.http.server;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.annexp2p.protocol.conversation.Client;

/**
 * Content locks taken by lockcontent, each held by its own open conversation until unlocked. As in git-annex, a
 * lock lasts {@link #LOCK_TIME} after it was taken unless a keeplocked request is holding it then; when a
 * keeplocked request's connection drops, the lock still lasts until that time. At most {@code limit} are held.
 */
final class HeldLocks {
    static final java.time.Duration LOCK_TIME = java.time.Duration.ofMinutes(10);
    /** How long an unlock waits for the repository's side to let go; it does at once unless the machine stalls. */
    private static final java.time.Duration RELEASE_BOUND = java.time.Duration.ofSeconds(30);

    /** Runs a task once, later; the server's clock, replaced in tests. */
    interface Timer {
        void schedule(java.time.Duration after, Runnable task);
    }

    private static final class Held {
        final Conversation conversation;
        boolean expired;
        int keepers;

        Held(Conversation conversation) {
            this.conversation = conversation;
        }
    }

    private final Map<String, Held> held = new HashMap<>();
    private final Timer timer;
    private final int limit;

    HeldLocks(Timer timer, int limit) {
        this.timer = timer;
        this.limit = limit;
    }

    synchronized boolean full() {
        return held.size() >= limit;
    }

    /** Keeps a conversation whose lock was granted; returns its lock id. */
    String hold(Conversation conversation) {
        String id = UUID.randomUUID().toString();
        synchronized (this) {
            held.put(id, new Held(conversation));
        }
        timer.schedule(LOCK_TIME, () -> expire(id));
        return id;
    }

    /** A keeplocked request starts holding {@code id}; false if there is no such lock (any more). */
    synchronized boolean keep(String id) {
        Held h = held.get(id);
        if (h == null) {
            return false;
        }
        h.keepers++;
        return true;
    }

    /** A keeplocked request ended without asking to unlock (its connection dropped): the time rule applies again. */
    void stopKeeping(String id) {
        Held h;
        synchronized (this) {
            h = held.get(id);
            if (h == null) {
                return;
            }
            h.keepers--;
            if (!h.expired || h.keepers > 0) {
                return;
            }
        }
        release(id);
    }

    void expire(String id) {
        synchronized (this) {
            Held h = held.get(id);
            if (h == null) {
                return;
            }
            h.expired = true;
            if (h.keepers > 0) {
                return;
            }
        }
        release(id);
    }

    /** Unlocks: UNLOCKCONTENT in the lock's conversation, which then ends. */
    void release(String id) {
        Held h;
        synchronized (this) {
            h = held.remove(id);
        }
        if (h == null) {
            return;
        }
        try {
            h.conversation.run(Client.unlock(), RequestSide.NONE);
        } catch (java.io.IOException e) {
            // The conversation is gone already; closing it below releases the lock all the same.
        } finally {
            h.conversation.closeAndAwait(RELEASE_BOUND);
        }
    }

    synchronized int count() {
        return held.size();
    }

    /** Releases every lock (server shutdown). */
    void releaseAll() {
        java.util.List<String> ids;
        synchronized (this) {
            ids = java.util.List.copyOf(held.keySet());
        }
        ids.forEach(this::release);
    }
}
