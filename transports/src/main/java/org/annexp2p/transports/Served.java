package org.annexp2p.transports;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One connection a {@link ConnectionServer} serves, and what its handler tells the server about it: authenticated
 * (or not), parked while its peer is idle, closed by the server.
 */
final class Served implements Admission {
    final Connection connection;
    final Admissions.Ticket ticket;
    private final ServerParts server;
    volatile ServerClock.Scheduled deadline = () -> { };
    private volatile boolean closedByServer;
    /** Set while the handler waits out a failure delay; counted down to end the wait early. */
    private volatile CountDownLatch delayed;
    private volatile boolean admitted;
    /** Set by the handler through {@link #park}, taken up when the handler's turn ends. */
    private volatile Parked parkRequest;
    /** The handler held without a thread; whoever takes it out (a wake-up, shutdown, the turn) owns it. */
    private final AtomicReference<Parked> parked = new AtomicReference<>();

    Served(Connection connection, Admissions.Ticket ticket, ServerParts server) {
        this.connection = connection;
        this.ticket = ticket;
        this.server = server;
    }

    void run() {
        turn(() -> server.handler().handle(connection, this));
    }

    /**
     * Runs the handler (or a parked one's continuation) on this thread until it returns; if it asked to be
     * parked, sets it aside until the connection is readable, or goes on with it here when bytes are already
     * there. The connection ends here unless it is left parked, or someone else took it out to end it.
     */
    private void turn(Turn body) {
        boolean ends = true;
        server.running().incrementAndGet();
        try {
            body.run();
            Parked next;
            while ((next = parkRequest) != null) {
                parkRequest = null;
                // Set before the stopping check, as close() sets stopping before it looks here: one sees the other.
                parked.set(next);
                Parked p = next;
                if (!server.stopping().getAsBoolean() && connection.whenReadable(() -> wake(p))) {
                    ends = false;
                    return;
                }
                if (!parked.compareAndSet(next, null)) {
                    ends = false;
                    return;
                }
                if (server.stopping().getAsBoolean()) {
                    next.abandon();
                    break;
                }
                next.resume();
            }
        } catch (Exception e) {
            // After the server closed the connection, the handler's failure is only its echo.
            ServerLog.LOG.log(closedByServer ? Level.DEBUG : Level.WARNING, "{0}: {1}", connection.description(), describe(e));
        } finally {
            server.running().decrementAndGet();
            if (ends) {
                end();
            }
        }
    }

    /** On the transport's thread: the parked connection is readable; its handler goes on on the pool. */
    private void wake(Parked p) {
        if (!parked.compareAndSet(p, null)) {
            return;
        }
        try {
            server.handlers().execute(() -> turn(p::resume));
        } catch (RejectedExecutionException e) {
            // Shut down after the shutdown looked for parked connections.
            closedByServer = true;
            p.abandon();
            end();
        }
    }

    boolean isParked() {
        return parked.get() != null;
    }

    void abandonIfParked() {
        Parked p = parked.getAndSet(null);
        if (p != null) {
            closedByServer = true;
            p.abandon();
            end();
        }
    }

    private void end() {
        connection.close();
        deadline.cancel();
        server.admissions().leave(ticket);
        server.active().remove(this);
    }

    @Override
    public boolean park(Parked handler) {
        if (!admitted || parkRequest != null) {
            return false;
        }
        parkRequest = Objects.requireNonNull(handler, "handler");
        return true;
    }

    @Override
    public boolean authenticated() {
        switch (server.admissions().authenticate(ticket)) {
            case ADMITTED:
                deadline.cancel();
                admitted = true;
                return true;
            case NO_SLOT:
                closedByServer = true;
                server.refusals().refuseHere(connection);
                return false;
            default:
                return false;
        }
    }

    @Override
    public void authenticationFailed() throws IOException {
        Duration delay = server.admissions().failed(ticket, server.clock().nanoTime());
        ServerLog.LOG.log(Level.WARNING, "{0}: authentication failed{1}", connection.description(),
                delay.isZero() ? "" : " (answered after " + shown(delay) + ": failures from this peer repeat)");
        if (!delay.isZero()) {
            awaitAnswer(delay);
        }
        if (closedByServer) {
            throw new IOException("closed by the server before the failed authentication was answered");
        }
    }

    /** Waits until {@code delay} has passed on the clock, or the server closes the connection. */
    private void awaitAnswer(Duration delay) throws InterruptedIOException {
        CountDownLatch wake = new CountDownLatch(1);
        delayed = wake;
        if (closedByServer) {
            return;
        }
        ServerClock.Scheduled answer = server.clock().schedule(delay, wake::countDown);
        try {
            wake.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while delaying the answer to a failed authentication");
        } finally {
            answer.cancel();
            delayed = null;
        }
    }

    @Override
    public boolean closedByServer() {
        return closedByServer;
    }

    void deadlinePassed() {
        if (server.admissions().expireIfDue(ticket, server.clock().nanoTime())) {
            server.expired().incrementAndGet();
            ServerLog.LOG.log(Level.INFO, "{0}: closed: not authenticated within {1}", connection.description(),
                    shown(server.options().preAuth().deadline()));
            closeByServer();
        }
    }

    void closeByServer() {
        closedByServer = true;
        CountDownLatch wake = delayed;
        if (wake != null) {
            wake.countDown();
        }
        try {
            server.closers().execute(connection::close);
        } catch (RejectedExecutionException e) {
            connection.close();
        }
    }

    /** A handler's run, or a parked handler's continuation. */
    @FunctionalInterface
    private interface Turn {
        void run() throws Exception;
    }

    /** A duration for a log line: whole seconds as such ({@code 30 s}), anything else in milliseconds. */
    private static String shown(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
