package org.annexp2p.transports;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Serves every connection a {@link Listener} accepts, each with a {@link ConnectionHandler} on a bounded
 * pool, independent of the transport.
 *
 * <p>At most {@link ServerOptions#maxConnections()} handlers run at once. A connection beyond that gets
 * the configured refusal bytes, is half-closed, drained for a bounded linger (so a peer that already sent a
 * line reads the refusal rather than a reset) and closed, while the others keep being served.
 *
 * <p>{@link #close()} shuts down gracefully: it stops accepting, waits up to the shutdown grace for running
 * handlers, then closes their connections (unblocking them) and waits a bounded time more.
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
    private final Semaphore slots;
    private final ThreadPoolExecutor handlers;
    private final ThreadPoolExecutor refusals;
    private final ScheduledExecutorService timers;
    private final Set<Connection> active = ConcurrentHashMap.newKeySet();
    private final AtomicLong refused = new AtomicLong();
    private final Thread acceptor;
    private volatile boolean stopping;

    private ConnectionServer(Listener listener, ConnectionHandler handler, ServerOptions options) {
        this.listener = listener;
        this.handler = handler;
        this.options = options;
        this.slots = new Semaphore(options.maxConnections());
        AtomicInteger ids = new AtomicInteger();
        String name = "serve " + listener.address();
        // Core = max with an unbounded queue never rejects, and the semaphore keeps the queue empty.
        this.handlers = new ThreadPoolExecutor(options.maxConnections(), options.maxConnections(), 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> daemon(r, name + " #" + ids.incrementAndGet()));
        this.handlers.allowCoreThreadTimeOut(true);
        // Core = max: a pool only grows past its core size once its queue is full, which would leave one thread.
        this.refusals = new ThreadPoolExecutor(REFUSAL_THREADS, REFUSAL_THREADS, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(REFUSAL_QUEUE), r -> daemon(r, name + " refusals"));
        this.refusals.allowCoreThreadTimeOut(true);
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, name + " timers"));
        this.acceptor = daemon(this::acceptLoop, name + " accept");
    }

    /** Starts accepting on {@code listener} right away. The server owns the listener and closes it. */
    public static ConnectionServer start(Listener listener, ConnectionHandler handler, ServerOptions options) {
        ConnectionServer server = new ConnectionServer(
                Objects.requireNonNull(listener, "listener"),
                Objects.requireNonNull(handler, "handler"),
                Objects.requireNonNull(options, "options"));
        server.acceptor.start();
        return server;
    }

    public String address() {
        return listener.address();
    }

    /** Connections being served right now. */
    public int activeConnections() {
        return active.size();
    }

    /** Connections refused for being over the cap, so far. */
    public long refusedConnections() {
        return refused.get();
    }

    @Override
    public void close() {
        if (stopping) {
            return;
        }
        stopping = true;
        listener.close();
        handlers.shutdown();
        refusals.shutdown();
        boolean interrupted = false;
        try {
            acceptor.join(TimeUnit.SECONDS.toMillis(FINAL_WAIT_SECONDS));
            if (!handlers.awaitTermination(options.shutdownGrace().toNanos(), TimeUnit.NANOSECONDS)) {
                Log.LOG.log(Level.INFO, "{0}: {1} connection(s) still running after the shutdown grace; closing them",
                        listener.address(), active.size());
                active.forEach(Connection::close);
                handlers.shutdownNow();
                handlers.awaitTermination(FINAL_WAIT_SECONDS, TimeUnit.SECONDS);
            }
            refusals.awaitTermination(options.refusalLinger().toNanos() + TimeUnit.SECONDS.toNanos(FINAL_WAIT_SECONDS), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
            active.forEach(Connection::close);
            handlers.shutdownNow();
        } finally {
            timers.shutdownNow();
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
            } else if (slots.tryAcquire()) {
                serve(connection);
            } else {
                refuse(connection);
            }
        }
    }

    private void serve(Connection connection) {
        active.add(connection);
        try {
            handlers.execute(() -> {
                try (connection) {
                    handler.handle(connection);
                } catch (Exception e) {
                    Log.LOG.log(Level.WARNING, "{0}: {1}", connection.description(), describe(e));
                } finally {
                    active.remove(connection);
                    slots.release();
                }
            });
        } catch (RejectedExecutionException e) {
            // Shutdown began between accept and execute.
            active.remove(connection);
            slots.release();
            connection.close();
        }
    }

    private void refuse(Connection connection) {
        refused.incrementAndGet();
        Log.LOG.log(Level.INFO, "{0}: refused, already serving {1} connections", connection.description(), options.maxConnections());
        try {
            refusals.execute(() -> sendRefusal(connection));
        } catch (RejectedExecutionException e) {
            // A flood of refusals: beyond the queue, close without the courtesy message.
            connection.close();
        }
    }

    private void sendRefusal(Connection connection) {
        ScheduledFuture<?> deadline = timers.schedule(connection::close, options.refusalLinger().toNanos(), TimeUnit.NANOSECONDS);
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
            deadline.cancel(false);
        }
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
