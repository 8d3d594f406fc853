package org.annexp2p.web.transfers;

import java.util.Locale;
import org.annexp2p.session.DialedSession;
import org.annexp2p.session.transfer.TransferPace;

/** A get or put the page started: how far it got, and the session to close when the person cancels it. */
final class PageTransfer {
    enum State { RUNNING, DONE, FAILED, CANCELLED }

    final String id;
    final String direction;
    final String key;
    final String peer;
    final long size;
    private final TransferPace pace;
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
        this.pace = new TransferPace(size, 0);
    }

    /** The position reached in the content (a transfer's meter). */
    void reached(long position) {
        pace.reached(position, System.nanoTime());
    }

    /** A get resumes after the {@code offset} bytes a former one kept: they do not count in the rate. */
    void resumedFrom(long offset) {
        pace.resumedFrom(offset, System.nanoTime());
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

    /** For the page: bytes per second (see {@link TransferPace}) and seconds left (-1: unknown). */
    TransferView view() {
        return view(System.nanoTime());
    }

    TransferView view(long now) {
        TransferPace.Reading reading = pace.at(now);
        return new TransferView(id, "page", direction, key, "", peer, reading.position(), size, reading.rate(), reading.secondsLeft(), false,
                state.name().toLowerCase(Locale.ROOT), words);
    }
}
