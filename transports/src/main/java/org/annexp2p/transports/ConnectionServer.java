package org.annexp2p.transports;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Serves every connection a {@link Listener} accepts, each with a {@link ConnectionHandler} on a bounded
 * pool, independent of the transport.
 *
 * <p>A connection arrives unauthenticated. At most {@link PreAuthLimits#maxConnections()} of those are served
 * at once, at most {@link PreAuthLimits#maxPerAddress()} from one address, and each must authenticate within
 * {@link PreAuthLimits#deadline()} of arriving, or it is closed. Once its handler reports the peer authenticated
 * ({@link Admission#authenticated()}), the connection takes one of {@link ServerOptions#maxConnections()}
 * authenticated slots, which no unauthenticated connection ever holds: a flood of peers that never
 * authenticate, or do so a byte a second, cannot keep authenticated peers out. Wrong credentials are logged and
 * their answers delayed as they repeat ({@link FailureBackoff}).
 *
 * <p>A connection refused (too many unauthenticated ones, or from its address; authenticated while no slot is
 * free) gets the configured refusal bytes, is half-closed, drained for a bounded linger (so a peer that already
 * sent a line reads the refusal rather than a reset) and closed, while the others keep being served. The accept
 * loop never waits on a peer, so refusing stays prompt however many arrive.
 *
 * <p>An authenticated connection whose peer is idle may be {@linkplain Admission#park parked}: it keeps its slot and
 * stays open, but holds no thread until reading it would not block; then its handler goes on on the pool.
 *
 * <p>{@link #close()} shuts down gracefully: it stops accepting, closes the connections still authenticating and
 * the parked ones, waits up to the shutdown grace for running handlers, then closes their connections (unblocking
 * them) and waits a bounded time more.
 */
public final class ConnectionServer implements AutoCloseable {

    private static final long FINAL_WAIT_SECONDS = 10;

    private final Listener listener;
    private final ServerOptions options;
    private final ServerClock clock;
    /** The system clock's timer thread when this server made it; null with a clock given by the caller. */
    private final ScheduledThreadPoolExecutor ownTimers;
    private final Admissions admissions;
    private final ThreadPoolExecutor handlers;
    private final Refusals refusals;
    /** Closes connections whose deadline passed, off the timer thread, which must never wait on a connection. */
    private final ThreadPoolExecutor closers;
    private final Set<Served> active = ConcurrentHashMap.newKeySet();
    private final AtomicLong expired = new AtomicLong();
    private final AtomicInteger running = new AtomicInteger();
    /** What each connection served shares with this server. */
    private final ServerParts parts;
    private final Thread acceptor;
    private volatile boolean stopping;

    private ConnectionServer(Listener listener, ConnectionHandler handler, ServerOptions options, ServerClock clock,
            ScheduledThreadPoolExecutor ownTimers) {
        this.listener = listener;
        this.options = options;
        this.clock = clock;
        this.ownTimers = ownTimers;
        this.admissions = new Admissions(options);
        AtomicInteger ids = new AtomicInteger();
        String name = "serve " + listener.address();
        // A thread per connection whose handler runs (authenticating, or authenticated and not parked): the admission
        // counts bound how many run at once, so the pool only hands tasks to idle threads or starts one. No core size:
        // below it a pool starts a new thread for every task even while others idle, and a parked connection comes
        // back as a new task every time its peer speaks.
        this.handlers = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), r -> daemon(r, name + " #" + ids.incrementAndGet()));
        this.refusals = new Refusals(options, clock, r -> daemon(r, name + " refusals"));
        this.closers = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> daemon(r, name + " closer"));
        this.closers.allowCoreThreadTimeOut(true);
        this.acceptor = daemon(this::acceptLoop, name + " accept");
        this.parts = new ServerParts(handler, options, clock, admissions, refusals, handlers, closers, active, running,
                expired, () -> stopping);
    }

    /** Starts accepting on {@code listener} right away. The server owns the listener and closes it. */
    public static ConnectionServer start(Listener listener, ConnectionHandler handler, ServerOptions options) {
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, r -> daemon(r, "serve " + listener.address() + " timers"));
        timers.setRemoveOnCancelPolicy(true);
        return start(listener, handler, options, new SystemClock(timers), timers);
    }

    /** As {@link #start(Listener, ConnectionHandler, ServerOptions)}, keeping deadlines and delays by {@code clock}. */
    public static ConnectionServer start(Listener listener, ConnectionHandler handler, ServerOptions options, ServerClock clock) {
        return start(listener, handler, options, Objects.requireNonNull(clock, "clock"), null);
    }

    private static ConnectionServer start(Listener listener, ConnectionHandler handler, ServerOptions options, ServerClock clock,
            ScheduledThreadPoolExecutor ownTimers) {
        ConnectionServer server = new ConnectionServer(
                Objects.requireNonNull(listener, "listener"),
                Objects.requireNonNull(handler, "handler"),
                Objects.requireNonNull(options, "options"), clock, ownTimers);
        server.acceptor.start();
        return server;
    }

    public String address() {
        return listener.address();
    }

    /** Connections being served right now, authenticated or not. */
    public int activeConnections() {
        return active.size();
    }

    /** Connections holding an authenticated slot right now. */
    public int authenticatedConnections() {
        return admissions.authenticated();
    }

    /** Connections not (or no longer able to be) authenticated whose handler still runs. */
    public int unauthenticatedConnections() {
        return admissions.pending();
    }

    /** Connections whose handler is running on one of the server's threads right now (parked ones are not). */
    public int runningHandlers() {
        return running.get();
    }

    /** Authenticated connections held without a thread until their peer sends something (see {@link Admission#park}). */
    public int parkedConnections() {
        return (int) active.stream().filter(Served::isParked).count();
    }

    /** Connections refused so far: over a limit on arrival, or authenticated while every slot was taken. */
    public long refusedConnections() {
        return refusals.count();
    }

    /** Connections closed so far because they had not authenticated by the deadline. */
    public long expiredConnections() {
        return expired.get();
    }

    @Override
    public void close() {
        if (stopping) {
            return;
        }
        stopping = true;
        listener.close();
        // Peers still authenticating have nothing to finish: they would only hold up the shutdown grace.
        for (Served served : active) {
            if (admissions.expireNow(served.ticket)) {
                served.closeByServer();
            }
            // Idle peers have nothing to finish either.
            served.abandonIfParked();
        }
        handlers.shutdown();
        refusals.shutdown();
        boolean interrupted = false;
        try {
            acceptor.join(TimeUnit.SECONDS.toMillis(FINAL_WAIT_SECONDS));
            if (!handlers.awaitTermination(options.shutdownGrace().toNanos(), TimeUnit.NANOSECONDS)) {
                ServerLog.LOG.log(Level.INFO, "{0}: {1} connection(s) still running after the shutdown grace; closing them",
                        listener.address(), active.size());
                active.forEach(Served::closeByServer);
                handlers.shutdownNow();
                handlers.awaitTermination(FINAL_WAIT_SECONDS, TimeUnit.SECONDS);
            }
            refusals.awaitTermination(FINAL_WAIT_SECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
            active.forEach(Served::closeByServer);
            handlers.shutdownNow();
        } finally {
            closers.shutdown();
            if (ownTimers != null) {
                ownTimers.shutdownNow();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (!stopping) {
            Connection connection;
            try {
                connection = listener.accept();
            } catch (IOException e) {
                if (!stopping) {
                    ServerLog.LOG.log(Level.WARNING, "{0}: accepting failed, no longer serving: {1}", listener.address(), e.getMessage());
                }
                return;
            }
            if (stopping) {
                connection.close();
                continue;
            }
            Admissions.Arrival arrival = admissions.arrive(AddressGroup.of(connection.remoteAddress()), clock.nanoTime());
            if (arrival instanceof Admissions.Arrival.Admitted admitted) {
                serve(connection, admitted.ticket());
            } else {
                refusals.refuse(connection, ((Admissions.Arrival.Refused) arrival).why());
            }
        }
    }

    private void serve(Connection connection, Admissions.Ticket ticket) {
        Served served = new Served(connection, ticket, parts);
        active.add(served);
        served.deadline = clock.schedule(options.preAuth().deadline(), served::deadlinePassed);
        try {
            handlers.execute(served::run);
        } catch (RejectedExecutionException e) {
            // Shutdown began between accept and execute.
            served.deadline.cancel();
            admissions.leave(ticket);
            active.remove(served);
            connection.close();
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
