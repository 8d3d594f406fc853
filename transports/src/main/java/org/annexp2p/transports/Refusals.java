package org.annexp2p.transports;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A server's refusals: the refusal bytes, a half-close, then a drain for a bounded linger (so a peer that already sent
 * a line reads the refusal rather than a reset) and a close, on threads of their own so the accept loop never waits.
 */
final class Refusals {
    /**
     * Refusals lingering at once. Each holds a thread until its peer hangs up or the linger ends, so a burst of
     * refused peers (a thousand clients against a cap of a hundred) needs many at once; with too few, the queue
     * overflows and peers that would have read the refusal get a bare close instead.
     */
    private static final int THREADS = 16;
    /** Refused connections waiting for a thread: as many as the listener's own backlog of accepted ones. */
    private static final int QUEUE = 1024;

    private final ServerOptions options;
    private final ServerClock clock;
    private final ThreadPoolExecutor threads;
    private final AtomicLong count = new AtomicLong();

    Refusals(ServerOptions options, ServerClock clock, ThreadFactory factory) {
        this.options = options;
        this.clock = clock;
        // Core = max: a pool only grows past its core size once its queue is full, which would leave one thread.
        this.threads = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE), factory);
        this.threads.allowCoreThreadTimeOut(true);
    }

    /** Refusals so far: over a limit on arrival, or authenticated while every slot was taken. */
    long count() {
        return count.get();
    }

    /** Refuses a connection on arrival, for {@code why}: queued for a refusal thread, or closed if they are all busy. */
    void refuse(Connection connection, String why) {
        count.incrementAndGet();
        ServerLog.LOG.log(Level.INFO, "{0}: refused: {1}", connection.description(), why);
        try {
            threads.execute(() -> send(connection));
        } catch (RejectedExecutionException e) {
            // A flood of refusals: beyond the queue, close without the courtesy message.
            connection.close();
        }
    }

    /** On the calling thread: refuses a connection whose handler runs there (authenticated while no slot was free). */
    void refuseHere(Connection connection) {
        count.incrementAndGet();
        ServerLog.LOG.log(Level.INFO, "{0}: refused: authenticated, but all {1} authenticated connection slots are taken",
                connection.description(), Integer.toString(options.maxConnections()));
        send(connection);
    }

    void shutdown() {
        threads.shutdown();
    }

    /** Waits for the lingering refusals, at most their linger and {@code extraSeconds} more. */
    void awaitTermination(long extraSeconds) throws InterruptedException {
        threads.awaitTermination(options.refusalLinger().toNanos() + TimeUnit.SECONDS.toNanos(extraSeconds), TimeUnit.NANOSECONDS);
    }

    private void send(Connection connection) {
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
}
