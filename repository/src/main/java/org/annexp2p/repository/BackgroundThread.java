package org.annexp2p.repository;

/**
 * The daemon threads started beside a transfer or a connection (hashing, early flushing, the wire reader's hang-up
 * watch), and waiting for their end.
 */
public final class BackgroundThread {
    private BackgroundThread() {
    }

    /** Starts {@code body} on a daemon thread named "annex-p2p NAME". */
    public static Thread start(String name, Runnable body) {
        Thread t = new Thread(body, "annex-p2p " + name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /**
     * Waits for {@code t} to end even if interrupted meanwhile (the interrupt is kept for the caller): the thread
     * still uses buffers or a file the caller is about to reuse or close.
     */
    public static void awaitEnd(Thread t) {
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
