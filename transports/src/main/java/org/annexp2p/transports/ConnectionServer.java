package org.annexp2p.transports;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

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

    /**
     * Looked up on first use, not when the class loads: finding the logging backend scans every jar on the class
     * path, which alone costs p2pstdio about as much start-up time as the bare JVM.
     */
    private static final class Log {
        static final System.Logger LOG = System.getLogger(ConnectionServer.class.getName());
    }
    private static final long FINAL_WAIT_SECONDS = 10;
    /**
     * Refusals lingering at once. Each holds a thread until its peer hangs up or the linger ends, so a burst of
     * refused peers (a thousand clients against a cap of a hundred) needs many at once; with too few, the queue
     * overflows and peers that would have read the refusal get a bare close instead.
     */
    private static final int REFUSAL_THREADS = 16;
    /** Refused connections waiting for a thread: as many as the listener's own backlog of accepted ones. */
    private static final int REFUSAL_QUEUE = 1024;

    private final Listener listener;
    private final ConnectionHandler handler;
    private final ServerOptions options;
    private final ServerClock clock;
    /** The system clock's timer thread when this server made it; null with a clock given by the caller. */
    private final ScheduledThreadPoolExecutor ownTimers;
    private final Admissions admissions;
    private final ThreadPoolExecutor handlers;
    private final ThreadPoolExecutor refusals;
    /** Closes connections whose deadline passed, off the timer thread, which must never wait on a connection. */
    private final ThreadPoolExecutor closers;
    private final Set<Served> active = ConcurrentHashMap.newKeySet();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong expired = new AtomicLong();
    private final AtomicInteger running = new AtomicInteger();
    private final Thread acceptor;
    private volatile boolean stopping;

    private ConnectionServer(Listener listener, ConnectionHandler handler, ServerOptions options, ServerClock clock,
            ScheduledThreadPoolExecutor ownTimers) {
        this.listener = listener;
        this.handler = handler;
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
        // Core = max: a pool only grows past its core size once its queue is full, which would leave one thread.
        this.refusals = new ThreadPoolExecutor(REFUSAL_THREADS, REFUSAL_THREADS, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(REFUSAL_QUEUE), r -> daemon(r, name + " refusals"));
        this.refusals.allowCoreThreadTimeOut(true);
        this.closers = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> daemon(r, name + " closer"));
        this.closers.allowCoreThreadTimeOut(true);
        this.acceptor = daemon(this::acceptLoop, name + " accept");
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
        return refused.get();
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
                Log.LOG.log(Level.INFO, "{0}: {1} connection(s) still running after the shutdown grace; closing them",
                        listener.address(), active.size());
                active.forEach(Served::closeByServer);
                handlers.shutdownNow();
                handlers.awaitTermination(FINAL_WAIT_SECONDS, TimeUnit.SECONDS);
            }
            refusals.awaitTermination(options.refusalLinger().toNanos() + TimeUnit.SECONDS.toNanos(FINAL_WAIT_SECONDS), TimeUnit.NANOSECONDS);
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
                    Log.LOG.log(Level.WARNING, "{0}: accepting failed, no longer serving: {1}", listener.address(), e.getMessage());
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
                refuse(connection, ((Admissions.Arrival.Refused) arrival).why());
            }
        }
    }

    private void serve(Connection connection, Admissions.Ticket ticket) {
        Served served = new Served(connection, ticket);
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

    private void refuse(Connection connection, String why) {
        refused.incrementAndGet();
        Log.LOG.log(Level.INFO, "{0}: refused: {1}", connection.description(), why);
        try {
            refusals.execute(() -> sendRefusal(connection));
        } catch (RejectedExecutionException e) {
            // A flood of refusals: beyond the queue, close without the courtesy message.
            connection.close();
        }
    }

    private void sendRefusal(Connection connection) {
        ServerClock.Scheduled deadline = clock.schedule(options.refusalLinger(), connection::close);
        try (connection) {
            connection.output().write(options.refusal());
            connection.output().flush();
            connection.shutdownOutput();
            InputStream in = connection.input();
            byte[] discard = new byte[8192];
            while (in.read(discard) >= 0) {
                // Draining until the peer closes or the linger deadline closes us.
            }
        } catch (IOException e) {
            // The peer went away or the linger ended; the refusal was best effort.
        } finally {
            deadline.cancel();
        }
    }

    /** One connection being served, and what its handler tells the server about it. */
    private final class Served implements Admission {
        final Connection connection;
        final Admissions.Ticket ticket;
        volatile ServerClock.Scheduled deadline = () -> { };
        private volatile boolean closedByServer;
        /** Set while the handler waits out a failure delay; counted down to end the wait early. */
        private volatile CountDownLatch delayed;
        private volatile boolean admitted;
        /** Set by the handler through {@link #park}, taken up when the handler's turn ends. */
        private volatile Parked parkRequest;
        /** The handler held without a thread; whoever takes it out (a wake-up, shutdown, the turn) owns it. */
        private final AtomicReference<Parked> parked = new AtomicReference<>();

        Served(Connection connection, Admissions.Ticket ticket) {
            this.connection = connection;
            this.ticket = ticket;
        }

        void run() {
            turn(() -> handler.handle(connection, this));
        }

        /**
         * Runs the handler (or a parked one's continuation) on this thread until it returns; if it asked to be
         * parked, sets it aside until the connection is readable, or goes on with it here when bytes are already
         * there. The connection ends here unless it is left parked, or someone else took it out to end it.
         */
        private void turn(Turn body) {
            boolean ends = true;
            running.incrementAndGet();
            try {
                body.run();
                Parked next;
                while ((next = parkRequest) != null) {
                    parkRequest = null;
                    // Set before the stopping check, as close() sets stopping before it looks here: one sees the other.
                    parked.set(next);
                    Parked p = next;
                    if (!stopping && connection.whenReadable(() -> wake(p))) {
                        ends = false;
                        return;
                    }
                    if (!parked.compareAndSet(next, null)) {
                        ends = false;
                        return;
                    }
                    if (stopping) {
                        next.abandon();
                        break;
                    }
                    next.resume();
                }
            } catch (Exception e) {
                // After the server closed the connection, the handler's failure is only its echo.
                Log.LOG.log(closedByServer ? Level.DEBUG : Level.WARNING, "{0}: {1}", connection.description(), describe(e));
            } finally {
                running.decrementAndGet();
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
                handlers.execute(() -> turn(p::resume));
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
            admissions.leave(ticket);
            active.remove(this);
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
            switch (admissions.authenticate(ticket)) {
                case ADMITTED:
                    deadline.cancel();
                    admitted = true;
                    return true;
                case NO_SLOT:
                    refused.incrementAndGet();
                    Log.LOG.log(Level.INFO, "{0}: refused: authenticated, but all {1} authenticated connection slots are taken",
                            connection.description(), Integer.toString(options.maxConnections()));
                    closedByServer = true;
                    sendRefusal(connection);
                    return false;
                default:
                    return false;
            }
        }

        @Override
        public void authenticationFailed() throws IOException {
            Duration delay = admissions.failed(ticket, clock.nanoTime());
            Log.LOG.log(Level.WARNING, "{0}: authentication failed{1}", connection.description(),
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
            ServerClock.Scheduled answer = clock.schedule(delay, wake::countDown);
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
            if (admissions.expireIfDue(ticket, clock.nanoTime())) {
                expired.incrementAndGet();
                Log.LOG.log(Level.INFO, "{0}: closed: not authenticated within {1}", connection.description(),
                        shown(options.preAuth().deadline()));
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
                closers.execute(connection::close);
            } catch (RejectedExecutionException e) {
                connection.close();
            }
        }
    }

    /** A handler's run, or a parked handler's continuation. */
    @FunctionalInterface
    private interface Turn {
        void run() throws Exception;
    }

    /** The system's clock, with this server's timer thread. */
    private record SystemClock(ScheduledThreadPoolExecutor timers) implements ServerClock {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public Scheduled schedule(Duration delay, Runnable task) {
            try {
                var future = timers.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
                return () -> future.cancel(false);
            } catch (RejectedExecutionException e) {
                // Shutting down: the server closes what the task would have.
                return () -> { };
            }
        }
    }

    /** A duration for a log line: whole seconds as such ({@code 30 s}), anything else in milliseconds. */
    private static String shown(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
