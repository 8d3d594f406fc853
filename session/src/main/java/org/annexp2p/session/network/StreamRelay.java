package org.annexp2p.session.network;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.annexp2p.transports.Connection;

/**
 * Bytes copied both ways between two ends until both have ended: each direction half-closes the other end's
 * output when its input ends, so a peer that finished sending still gets the answer.
 */
final class StreamRelay {
    /** One end: where its bytes come from, where bytes for it go, and how to say it will get no more. */
    record End(InputStream input, OutputStream output, Shutdown shutdown) {
        /** Says the end will get no more bytes. */
        interface Shutdown {
            void run() throws IOException;
        }

        static End of(Connection c) {
            return new End(c.input(), c.output(), c::shutdownOutput);
        }

        void shutdownOutput() throws IOException {
            shutdown.run();
        }
    }

    private StreamRelay() {}

    /** Relays until both directions have ended; returns then. */
    static void run(End a, End b, String name) {
        Thread back = new Thread(() -> copy(b, a), name + " relay");
        back.setDaemon(true);
        back.start();
        copy(a, b);
        try {
            back.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void copy(End from, End to) {
        byte[] buf = new byte[64 * 1024];
        try {
            for (int n; (n = from.input().read(buf)) >= 0; ) {
                to.output().write(buf, 0, n);
                to.output().flush();
            }
        } catch (IOException ignored) {
            // one side went away: the other learns it from the half-close below or its own error
        } finally {
            try {
                to.shutdownOutput();
            } catch (IOException ignored) {
                // already gone
            }
        }
    }
}
