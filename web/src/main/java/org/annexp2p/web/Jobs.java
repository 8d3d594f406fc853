package org.annexp2p.web;

import java.util.ArrayList;
import java.util.List;

/**
 * The one place that stops what the page's sections started (a pairing, a Tor publication, transfers) when the
 * server closes: each section says here how to cancel its work, as its cancel button would. Work that runs on its
 * own thread (a pairing job, a publication) would otherwise outlive the page, holding its sockets and a private tor.
 */
public final class Jobs implements AutoCloseable {
    private final List<Runnable> stops = new ArrayList<>();
    private boolean closed;

    /** How to stop a section's work; run at once if the server has already closed. */
    public void onClose(Runnable stop) {
        synchronized (this) {
            if (!closed) {
                stops.add(stop);
                return;
            }
        }
        stop.run();
    }

    /** Stops everything, each whatever the others did. */
    @Override
    public void close() {
        List<Runnable> all;
        synchronized (this) {
            closed = true;
            all = List.copyOf(stops);
            stops.clear();
        }
        for (Runnable stop : all) {
            try {
                stop.run();
            } catch (RuntimeException e) {
                // One section failing to cancel must not keep the others running.
            }
        }
    }
}
