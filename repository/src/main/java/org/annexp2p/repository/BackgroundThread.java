package org.annexp2p.repository;

/** The daemon threads a transfer starts beside itself (hashing, early flushing), and waiting for their end. */
final class BackgroundThread {
    private BackgroundThread() {
    }

    static Thread start(String name, Runnable body) {
        Thread t = new Thread(body, "annex-p2p " + name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /**
     * Waits for {@code t} to end even if interrupted meanwhile (the interrupt is kept for the caller): the thread
     * still uses buffers or a file the caller is about to reuse or close.
     */
    static void awaitEnd(Thread t) {
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
