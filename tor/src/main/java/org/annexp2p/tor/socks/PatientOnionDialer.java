package org.annexp2p.tor.socks;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.annexp2p.transports.Connection;
import org.annexp2p.transports.Dialer;

/**
 * Dials an onion, retrying for up to a bound: a service that just (re)started is unreachable until its new
 * descriptor reaches our tor. A tor that is not there at all fails at once.
 *
 * <p>An attempt that neither connects nor fails within {@link #HEDGE} gets a second one alongside, and so on; the
 * first to connect wins. Tor holds a SOCKS request as long as it waits for the service, and a request made just as
 * the service's tor died can wait minutes for a rendezvous that never comes (see {@link OnionDialer}); a fresh
 * attempt, on fresh circuits, meets the service's new descriptor instead. Every failure that is retried is told
 * to a {@link Waiting}, so a wait need never be silent.
 *
 * <p>Fresh circuits do not help when our tor holds a descriptor of the service's previous run: an introduction
 * point whose old circuit has not yet been torn down accepts the introduction and nothing answers, and tor keeps
 * using that descriptor. So every attempt after the first also asks tor, through {@link Refetch}, to fetch the
 * descriptor again (where we can reach its control port); tor keeps the newer one.
 */
public final class PatientOnionDialer implements Dialer {

    /** Onion circuits take seconds to build; the first connection to a fresh service can take a minute. */
    public static final Duration DEFAULT_BOUND = Duration.ofSeconds(120);

    /** One attempt's bound: long enough for a slow first rendezvous on the public network. */
    static final Duration ATTEMPT = Duration.ofSeconds(30);
    /** How long an attempt may stay silent before another starts alongside it. */
    static final Duration HEDGE = Duration.ofSeconds(8);
    /** The pause after a failure before the next attempt. */
    static final Duration SPACING = Duration.ofSeconds(2);
    private static final long MIN_ATTEMPT_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** Hears of each failed attempt that will be retried. */
    @FunctionalInterface
    public interface Waiting {
        /** {@code failures}: how many attempts have failed so far, this one included. */
        void retrying(IOException failure, int failures, Duration left);
    }

    /** Asks our tor to fetch an onion's descriptor again; {@link #NONE} where only its SOCKS port is known. */
    @FunctionalInterface
    public interface Refetch {
        Refetch NONE = serviceId -> { };

        /** {@code serviceId}: the 56 characters before {@code .onion}. Failures are the hook's to swallow. */
        void refetch(String serviceId);
    }

    private final Dialer socks;
    private final Waiting waiting;
    private final Refetch refetch;
    private final Duration attempt;
    private final Duration hedge;
    private final Duration spacing;

    public PatientOnionDialer(Dialer socks, Waiting waiting) {
        this(socks, waiting, Refetch.NONE);
    }

    public PatientOnionDialer(Dialer socks, Waiting waiting, Refetch refetch) {
        this(socks, waiting, refetch, ATTEMPT, HEDGE, SPACING);
    }

    PatientOnionDialer(Dialer socks, Waiting waiting, Refetch refetch, Duration attempt, Duration hedge, Duration spacing) {
        this.socks = socks;
        this.waiting = waiting;
        this.refetch = refetch;
        this.attempt = attempt;
        this.hedge = hedge;
        this.spacing = spacing;
    }

    /** Dials {@code address}, retrying for up to {@code bound}. */
    @Override
    public Connection dial(String address, Duration bound) throws IOException {
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "onion dial " + address);
            t.setDaemon(true);
            return t;
        });
        try {
            return new Race(address, System.nanoTime() + bound.toNanos(), pool).run();
        } finally {
            pool.shutdownNow();
        }
    }

    /** The service id of {@code host.onion[:port]}. */
    static String serviceId(String address) {
        int dot = address.indexOf(".onion");
        String host = dot < 0 ? address : address.substring(0, dot);
        return host.substring(Math.max(0, host.length() - 56)).toLowerCase(java.util.Locale.ROOT);
    }

    /** The attempts of one dial; the first connection claims the win, later ones are closed. */
    private final class Race {
        private final String address;
        private final long deadline;
        private final CompletionService<Connection> done;
        private final AtomicBoolean won = new AtomicBoolean();
        private final List<Future<Connection>> running = new ArrayList<>();
        private int started;
        private int pending;
        private int failures;
        private IOException last;

        Race(String address, long deadline, ExecutorService pool) {
            this.address = address;
            this.deadline = deadline;
            this.done = new ExecutorCompletionService<>(pool);
        }

        Connection run() throws IOException {
            long nextStart = System.nanoTime();
            while (true) {
                long now = System.nanoTime();
                if (now >= nextStart && (started == 0 || deadline - now >= MIN_ATTEMPT_NANOS)) {
                    start(Math.max(Math.min(attempt.toNanos(), deadline - now), MIN_ATTEMPT_NANOS));
                    nextStart = now + hedge.toNanos();
                }
                boolean more = nextStart <= deadline - MIN_ATTEMPT_NANOS;
                if (pending == 0 && !more) {
                    throw last;
                }
                // with no attempt left to start, the running ones end within their own bounds
                Future<Connection> f = more ? next(nextStart) : take();
                if (f == null) {
                    continue;
                }
                pending--;
                try {
                    Connection c = f.get();
                    cancelOthers();
                    return c;
                } catch (ExecutionException e) {
                    IOException failure = e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
                    // A restarted onion becomes reachable; a tor that is not running does not, so that fails at once.
                    if (failure instanceof SocksException s && s.torUnusable()) {
                        cancelOthers();
                        throw failure;
                    }
                    last = failure;
                    failures++;
                    nextStart = Math.min(nextStart, System.nanoTime() + spacing.toNanos());
                    if (nextStart <= deadline - MIN_ATTEMPT_NANOS || pending > 0) {
                        waiting.retrying(failure, failures, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
                    }
                } catch (InterruptedException e) {
                    throw interrupted();
                }
            }
        }

        private void start(long timeoutNanos) {
            started++;
            pending++;
            boolean again = started > 1;
            running.add(done.submit(() -> {
                if (again) {
                    refetch.refetch(serviceId(address));
                }
                Connection c = socks.dial(address, Duration.ofNanos(Math.max(timeoutNanos, MIN_ATTEMPT_NANOS)));
                if (!won.compareAndSet(false, true)) {
                    c.close();
                    throw new IOException("another attempt connected first");
                }
                return c;
            }));
        }

        private Future<Connection> next(long until) throws InterruptedIOException {
            try {
                return done.poll(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                throw interrupted();
            }
        }

        private Future<Connection> take() throws InterruptedIOException {
            try {
                return done.take();
            } catch (InterruptedException e) {
                throw interrupted();
            }
        }

        private InterruptedIOException interrupted() {
            Thread.currentThread().interrupt();
            cancelOthers();
            return new InterruptedIOException("interrupted while dialing " + address);
        }

        /** An interrupted dial closes its channel; one that connects after all is closed by the claim above. */
        private void cancelOthers() {
            won.set(true);
            running.forEach(f -> f.cancel(true));
        }
    }
}
