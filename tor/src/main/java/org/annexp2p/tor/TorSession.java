package org.annexp2p.tor;

import java.io.Closeable;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.annexp2p.repository.creds.PrivateFile;
import org.annexp2p.tor.TorException.Reason;
import org.annexp2p.tor.control.ControlConnection;
import org.annexp2p.tor.control.TorEvent;
import org.annexp2p.tor.launch.TorProcess;
import org.annexp2p.tor.onion.OnionTarget;
import org.annexp2p.tor.socks.OnionDialer;

/**
 * Our use of one tor, attached or launched, kept alive: when the control connection is lost (tor died or was
 * restarted) the session reports {@link TorEvent.ConnectionLost}, reconnects (attached) or relaunches
 * (launched), re-publishes its onion services and reports {@link TorEvent.Recovered}.
 */
public final class TorSession implements Closeable {

    private static final Duration SOCKS_LISTENER_WAIT = Duration.ofSeconds(10);

    private final TorConnector connector;
    private final TorOptions options;
    private final List<OnionService> services = new CopyOnWriteArrayList<>();
    private final List<Consumer<TorEvent>> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService supervisor;
    private final Object state = new Object();
    private ControlConnection control;
    private Optional<TorProcess> process;
    private InetSocketAddress socks;
    private TorEvent.Bootstrap bootstrap = new TorEvent.Bootstrap(0, "", "");
    private TorException failure;
    private boolean closed;

    private TorSession(TorOptions options, TorConnector connector) {
        this.options = options;
        this.connector = connector;
        this.supervisor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "tor-session supervisor");
            t.setDaemon(true);
            return t;
        });
    }

    /** Attaches to or launches tor as {@code options} say; returns once the control connection is authenticated. */
    public static TorSession open(TorOptions options) throws TorException {
        TorConnector connector = new TorConnector(options);
        TorSession s = new TorSession(options, connector);
        try {
            s.install(connector.connect());
        } catch (TorException e) {
            s.supervisor.shutdownNow();
            connector.close();
            throw e;
        }
        return s;
    }

    private void install(TorConnector.Connected c) throws TorException {
        try {
            InetSocketAddress socksAddress = awaitSocks(c);
            synchronized (state) {
                control = c.control();
                process = c.process();
                socks = socksAddress;
                failure = null;
            }
            c.control().addListener(this::onEvent);
            c.control().bootstrapPhase().ifPresent(this::onEvent);
        } catch (TorException e) {
            c.process().ifPresentOrElse(TorProcess::close, () -> c.control().close());
            throw e;
        }
    }

    /**
     * A launched tor opens its SocksPort (auto) a moment after the control port. One whose network is disabled (a
     * torrc given to it saying so) opens no listener but its control port until it is enabled, so it is not waited for.
     */
    private InetSocketAddress awaitSocks(TorConnector.Connected c) throws TorException {
        Instant deadline = Instant.now().plus(SOCKS_LISTENER_WAIT);
        while (true) {
            InetSocketAddress a = connector.socks(c.control(), c.process().isPresent());
            if (c.process().isEmpty() || a != TorConnector.DEFAULT_SOCKS || Instant.now().isAfter(deadline)
                    || c.control().getConf("DisableNetwork").contains("1")) {
                return a;
            }
            pause(Duration.ofMillis(100));
        }
    }

    public void addListener(Consumer<TorEvent> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<TorEvent> listener) {
        listeners.remove(listener);
    }

    /** The current control connection; changes after a recovery. */
    public ControlConnection control() throws TorException {
        synchronized (state) {
            if (closed) {
                throw new TorException(Reason.DIED, "this tor session is closed");
            }
            if (failure != null) {
                throw failure;
            }
            return control;
        }
    }

    public InetSocketAddress socksAddress() {
        synchronized (state) {
            return socks;
        }
    }

    /** Whether we launched (and own) this tor. */
    public boolean launched() {
        synchronized (state) {
            return process.isPresent();
        }
    }

    /**
     * The pid of a tor that an earlier owner of the state directory left running (its process gone), which was
     * stopped so this session could launch its own.
     */
    public Optional<Long> stoppedLeftover() {
        return connector.stoppedLeftover();
    }

    /** The pid of the tor we launched, if we did. */
    public Optional<Long> torPid() {
        synchronized (state) {
            return process.map(TorProcess::pid);
        }
    }

    public TorEvent.Bootstrap bootstrap() {
        synchronized (state) {
            return bootstrap;
        }
    }

    /** A dialer for {@code ONION.onion:PORT} through this tor's SOCKS port (the current one, even after a relaunch). */
    public OnionDialer socksDialer() {
        return new OnionDialer(this::socksAddress);
    }

    /**
     * Publishes an onion service for {@code virtualPort} forwarding to {@code target}. The key comes from
     * {@code keyFile} when it exists; otherwise tor makes a new one, which is saved there.
     */
    public OnionService publish(PrivateFile keyFile, int virtualPort, OnionTarget target) throws TorException {
        if (virtualPort < 1 || virtualPort > 65535) {
            throw new TorException(Reason.BAD_CONFIG, "onion port " + virtualPort + " is out of range 1-65535");
        }
        OnionService s = new OnionService(this, keyFile, virtualPort, target);
        OnionPublication.add(control(), s);
        services.add(s);
        return s;
    }

    void unpublish(OnionService s) {
        services.remove(s);
        ControlConnection c;
        synchronized (state) {
            c = control;
        }
        try {
            if (s.address() != null && c.isAlive()) {
                c.delOnion(s.address().serviceId());
            }
        } catch (TorException ignored) {
            // tor is gone or restarting; a non-detached onion disappears with its control connection anyway
        }
    }

    /**
     * Waits (at most {@code timeout}) until tor is bootstrapped, the service's descriptor is uploaded and a
     * SOCKS connection to the onion itself succeeds. Something must accept connections on the service's
     * target, otherwise tor answers the self-connect with a failure.
     */
    public Reachability measure(OnionService service, Duration timeout) throws TorException {
        return measure(service, timeout, SelfCheck.SOCKS_ONLY);
    }

    /** As {@link #measure(OnionService, Duration)}, and {@code check} must pass on the self-connection too. */
    public Reachability measure(OnionService service, Duration timeout, SelfCheck check) throws TorException {
        return new ReachabilityProbe(this, service, timeout, check).run();
    }

    /** Waits (at most {@code timeout}) until tor is fully bootstrapped; a TIMEOUT error says how far it got. */
    public void awaitBootstrapped(Duration timeout) throws TorException {
        awaitBootstrapped(Instant.now().plus(timeout));
    }

    /** Waits until bootstrap reaches 100 % or {@code deadline}; returns when it was first seen complete. */
    Instant awaitBootstrapped(Instant deadline) throws TorException {
        while (true) {
            refreshBootstrap();
            synchronized (state) {
                if (bootstrap.progress() == 100) {
                    return Instant.now();
                }
                long left = Duration.between(Instant.now(), deadline).toMillis();
                if (left <= 0) {
                    throw new TorException(Reason.TIMEOUT, "tor is only " + bootstrap.progress() + " % bootstrapped ("
                            + bootstrap.summary() + "); check its network access and log");
                }
                try {
                    // woken by bootstrap events; the periodic GETINFO covers a missed one
                    state.wait(Math.min(left, 1000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new TorException(Reason.TIMEOUT, "interrupted while waiting for tor to bootstrap");
                }
                if (bootstrap.progress() == 100) {
                    return Instant.now();
                }
            }
        }
    }

    private void refreshBootstrap() throws TorException {
        control().bootstrapPhase().ifPresent(b -> {
            synchronized (state) {
                bootstrap = b;
                state.notifyAll();
            }
        });
    }

    private void onEvent(TorEvent e) {
        if (e instanceof TorEvent.Bootstrap b) {
            synchronized (state) {
                bootstrap = b;
                state.notifyAll();
            }
        } else if (e instanceof TorEvent.DescriptorUploaded u) {
            servicesWithId(u.serviceId()).forEach(s -> s.uploaded(Instant.now()));
        } else if (e instanceof TorEvent.DescriptorFailed f) {
            servicesWithId(f.serviceId()).forEach(s -> s.uploadFailed(f.reason()));
        } else if (e instanceof TorEvent.ConnectionLost) {
            try {
                supervisor.execute(this::recover);
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                // the session is closing; nothing to recover
            }
        }
        emitToListeners(e);
    }

    private java.util.stream.Stream<OnionService> servicesWithId(String serviceId) {
        return services.stream().filter(s -> s.address() != null && s.address().serviceId().equals(serviceId));
    }

    private void recover() {
        boolean relaunch;
        Optional<TorProcess> old;
        org.annexp2p.tor.control.ControlEndpoint endpoint;
        synchronized (state) {
            if (closed || control.isAlive()) {
                // closing, or a duplicate report about a connection already replaced
                return;
            }
            old = process;
            relaunch = process.isPresent();
            endpoint = control.endpoint();
            bootstrap = new TorEvent.Bootstrap(0, "", "");
        }
        long lostAt = System.nanoTime();
        String why = old.map(p -> p.exitReason().map(r -> "tor exited (" + r + ")")
                .orElse("lost the control connection to tor (pid " + p.pid() + ")"))
                .orElse("lost the control connection to tor at " + endpoint);
        emitToListeners(new TorEvent.Restarting(why, relaunch));
        // a launched tor exits when its owning connection closes; make sure the old one is gone first
        old.ifPresentOrElse(TorProcess::close, () -> control.close());
        Instant deadline = Instant.now().plus(options.startupTimeout());
        TorException last = null;
        while (Instant.now().isBefore(deadline) && !isClosed()) {
            try {
                TorConnector.Connected c = relaunch ? connector.launch() : connector.attach(endpoint);
                try {
                    install(c);
                    for (OnionService s : services) {
                        OnionPublication.add(c.control(), s);
                    }
                } catch (TorException e) {
                    // never keep a half-recovered tor around while trying again
                    c.process().ifPresentOrElse(TorProcess::close, () -> c.control().close());
                    throw e;
                }
                emitToListeners(new TorEvent.Recovered(c.control().endpoint().toString(), relaunch,
                        Duration.ofNanos(System.nanoTime() - lostAt)));
                return;
            } catch (TorException e) {
                last = e;
                pause(Duration.ofSeconds(1));
            }
        }
        TorException gaveUp = new TorException(Reason.DIED, "tor went away and could not be "
                + (relaunch ? "restarted" : "reconnected") + (last == null ? "" : ": " + last.getMessage()));
        synchronized (state) {
            failure = gaveUp;
        }
        if (isClosed()) {
            synchronized (state) {
                process.ifPresent(TorProcess::close);
                control.close();
            }
        } else {
            emitToListeners(new TorEvent.GaveUp(gaveUp.getMessage()));
        }
    }

    private void emitToListeners(TorEvent e) {
        for (Consumer<TorEvent> l : listeners) {
            try {
                l.accept(e);
            } catch (RuntimeException ignored) {
                // see onEvent
            }
        }
    }

    private boolean isClosed() {
        synchronized (state) {
            return closed;
        }
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Removes our onions and, if we launched tor, stops it (bounded). */
    @Override
    public void close() {
        synchronized (state) {
            if (closed) {
                return;
            }
            closed = true;
        }
        for (OnionService s : services) {
            s.close();
        }
        supervisor.shutdownNow();
        try {
            supervisor.awaitTermination(options.startupTimeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (state) {
            process.ifPresentOrElse(TorProcess::close, () -> control.close());
        }
        connector.close();
    }
}
