package org.annexp2p.web.transfers;

import java.util.concurrent.atomic.AtomicLong;
import org.annexp2p.session.DialedSession;

/** A get or put the page started: how far it got, and the session to close when the person cancels it. */
final class PageTransfer {
    enum State { RUNNING, DONE, FAILED, CANCELLED }

    final String id;
    final String direction;
    final String key;
    final String peer;
    final long size;
    final long startNanos = System.nanoTime();
    final AtomicLong bytes = new AtomicLong();
    volatile long resumedFrom;
    volatile State state = State.RUNNING;
    volatile String words = "";
    private DialedSession session;
    private boolean cancelled;

    PageTransfer(String id, String direction, String key, String peer, long size) {
        this.id = id;
        this.direction = direction;
        this.key = key;
        this.peer = peer;
        this.size = size;
    }

    /** The session it runs in; false (and the session closed) if cancel came first. */
    synchronized boolean attach(DialedSession opened) {
        if (cancelled) {
            opened.close();
            return false;
        }
        session = opened;
        return true;
    }

    /** Closing the session ends the conversation under it, which then fails: a get keeps only its partial, a peer shows nothing of a put. */
    void cancel() {
        DialedSession open;
        synchronized (this) {
            cancelled = true;
            open = session;
        }
        if (open != null) {
            open.close();
        }
    }

    synchronized boolean cancelled() {
        return cancelled;
    }

    /** For the page: bytes per second since it started (resumed bytes do not count) and seconds left (-1: unknown). */
    TransferView view() {
        long moved = bytes.get();
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        long rate = seconds > 0 ? (long) ((moved - resumedFrom) / seconds) : 0;
        long eta = rate > 0 && size > 0 ? (size - moved) / rate : -1;
        return new TransferView(id, "page", direction, key, "", peer, moved, size, rate, eta, false, state.name().toLowerCase(java.util.Locale.ROOT), words);
    }
}
