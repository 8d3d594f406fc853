package org.annexp2p.pairing.listen;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

/**
 * The daemon thread that takes calls on a pairing listener's socket until the listener closes: each accepted socket
 * goes to the listener's {@link Calls}, which owns it from then on. A failed accept is passed over, since one bad
 * caller must not stop the listener; once closed, the thread ends.
 */
public final class CallAcceptor {

    /** What the listener does with one accepted call; it must not throw, and closes the socket when done. */
    @FunctionalInterface
    public interface Calls {
        void take(Socket call);
    }

    private final ServerSocket server;
    private final Thread thread;
    private volatile boolean closed;

    private CallAcceptor(ServerSocket server, String name, Calls calls) {
        this.server = server;
        this.thread = new Thread(() -> acceptLoop(calls), name + " " + server.getLocalPort());
        thread.setDaemon(true);
    }

    /** Starts taking calls on {@code server}, on a thread named {@code name} and the port. */
    public static CallAcceptor start(ServerSocket server, String name, Calls calls) {
        CallAcceptor acceptor = new CallAcceptor(server, name, calls);
        acceptor.thread.start();
        return acceptor;
    }

    /**
     * Stops taking calls: closes the listening socket and waits at most {@code wait} for the thread to end.
     * Calls already taken are the listener's to wait for.
     */
    public void close(Duration wait) throws InterruptedException {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // Closing a listening socket loses nothing.
        }
        thread.join(Math.max(1, wait.toMillis()));
    }

    private void acceptLoop(Calls calls) {
        while (!closed) {
            Socket call;
            try {
                call = server.accept();
            } catch (IOException e) {
                continue;
            }
            calls.take(call);
        }
    }
}
