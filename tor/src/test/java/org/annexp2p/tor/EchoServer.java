package org.annexp2p.tor;

import java.io.IOException;
import org.annexp2p.transports.Connection;
import org.annexp2p.transports.Listener;

/** Echoes every connection of a listener until the listener closes; test helper. */
final class EchoServer {

    private EchoServer() {
    }

    static Thread start(Listener listener) {
        Thread t = new Thread(() -> {
            while (true) {
                Connection c;
                try {
                    c = listener.accept();
                } catch (IOException closed) {
                    return;
                }
                Thread worker = new Thread(() -> echo(c), "echo " + c.description());
                worker.setDaemon(true);
                worker.start();
            }
        }, "echo-acceptor");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void echo(Connection c) {
        try (c) {
            byte[] buf = new byte[16384];
            int n;
            while ((n = c.input().read(buf)) > 0) {
                c.output().write(buf, 0, n);
                c.output().flush();
            }
            c.shutdownOutput();
        } catch (IOException ignored) {
            // the peer went away
        }
    }
}
