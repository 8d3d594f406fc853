package org.annexp2p.session.tor;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.annexp2p.interpreters.Serving;
import org.annexp2p.interpreters.net.Relays;
import org.annexp2p.interpreters.net.Transcript;
import org.annexp2p.protocol.conversation.ServerMode;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.tor.OnionListener;
import org.annexp2p.tor.Reachability;
import org.annexp2p.tor.TorEventLine;
import org.annexp2p.tor.TorException;
import org.annexp2p.tor.TorOptions;
import org.annexp2p.tor.TorSession;
import org.annexp2p.tor.control.TorEvent;
import org.annexp2p.tor.onion.OnionAddress;
import org.annexp2p.tor.onion.RepositoryOnion;
import org.annexp2p.transports.ConnectionServer;
import org.annexp2p.transports.ServerOptions;
import org.annexp2p.transports.tcp.TcpTransport;

/**
 * What {@code enable-tor} does: publish the repository's onion service through tor (its key kept in creds, so the
 * address never changes), record {@code tor-annex::ONION:PORT} in {@code p2paddrs} as git-annex does, then measure
 * that the onion is really reachable. While measuring, the onion leads to a server that refuses every token: it
 * proves the circuit, nothing more. Each step is told as a {@link PublishEvent}; {@link #cancel()} stops it from
 * another thread.
 */
public final class OnionPublishing {

    /** A published, reachable onion: its address and how reaching it went. */
    public record Published(String address, Reachability reachability) {}

    private final AnnexRepository repository;
    private final RepositoryOnion onion;
    private final TorOptions options;
    private final Duration timeout;
    private final Consumer<PublishEvent> events;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final Object running = new Object();
    private final Set<String> uploadedIds = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean toldUploaded = new AtomicBoolean();
    private volatile OnionAddress ours;
    private Thread runner;
    private TorSession session;

    /** Publishing {@code repository}'s onion through the tor {@code options} choose, measured for up to {@code timeout}. */
    public OnionPublishing(AnnexRepository repository, RepositoryOnion onion, TorOptions options, Duration timeout,
            Consumer<PublishEvent> events) {
        this.repository = repository;
        this.onion = onion;
        this.options = options;
        this.timeout = timeout;
        this.events = events;
    }

    /** Publishes and measures on this thread; the last event is {@link PublishEvent.Reachable} or {@link PublishEvent.Failed}. */
    public Published run() throws Exception {
        try {
            return publish();
        } catch (Exception e) {
            events.accept(new PublishEvent.Failed(cancelled.get() ? "cancelled; the onion was not checked"
                    : e.getMessage() != null ? e.getMessage() : "publishing the onion failed; check tor's log"));
            if (cancelled.get() && e instanceof TorException t) {
                throw new TorException(t.reason(), "cancelled", t);
            }
            throw e;
        } finally {
            synchronized (running) {
                runner = null;
                session = null;
                if (cancelled.get()) {
                    // the interrupt was cancel()'s, for this run only: the caller's thread goes on without it
                    Thread.interrupted();
                }
            }
        }
    }

    /**
     * Stops a {@link #run()} in progress: its tor session is closed (a tor we launched exits with it) and its wait
     * interrupted, so it fails with {@link PublishEvent.Failed}. The address recorded so far stays recorded.
     */
    public void cancel() {
        cancelled.set(true);
        synchronized (running) {
            if (session != null) {
                session.close();
            }
            if (runner != null) {
                runner.interrupt();
            }
        }
    }

    private Published publish() throws Exception {
        events.accept(new PublishEvent.Starting(options.policy().name().toLowerCase(java.util.Locale.ROOT)));
        Serving refuseAll = new Serving(repository, ServerMode.READ_ONLY, List::of, Relays.NONE, Transcript.NONE);
        try (TorSession tor = started(TorSession.open(options));
                TcpTransport tcp = new TcpTransport()) {
            tor.addListener(this::hear);
            tor.stoppedLeftover().ifPresent(pid -> events.accept(new PublishEvent.StoppedLeftover(pid)));
            events.accept(new PublishEvent.Bootstrap(tor.bootstrap().progress(), tor.bootstrap().summary()));
            try (OnionListener listener = OnionListener.overLoopback(tor, onion.keyFile(), onion.port(),
                    tcp.listen("127.0.0.1:0"));
                    ConnectionServer probe = ConnectionServer.start(listener, refuseAll,
                            ServerOptions.of(4, "ERROR too many connections\n"))) {
                String address = listener.service().torAnnexAddress().format();
                repository.creds().addOwnAddress(address);
                onion.remember(listener.service().torAnnexAddress());
                events.accept(new PublishEvent.Recorded(address));
                ours = listener.service().address();
                tellUploaded();
                Reachability reachability = tor.measure(listener.service(), timeout);
                events.accept(new PublishEvent.Reachable(address, reachability));
                return new Published(address, reachability);
            }
        }
    }

    /** Keeps the session for {@link #cancel()}; one cancelled before it opened is closed at once. */
    private TorSession started(TorSession tor) throws TorException {
        synchronized (running) {
            if (cancelled.get()) {
                tor.close();
                throw new TorException(TorException.Reason.TIMEOUT, "cancelled");
            }
            runner = Thread.currentThread();
            session = tor;
        }
        return tor;
    }

    /**
     * An attached tor reports other services' uploads too, and ours may come before ADD_ONION has told us our id:
     * uploads are noted by id, and ours is told once, whichever of the two comes last.
     */
    private void hear(TorEvent e) {
        TorEventLine.of(e).ifPresent(line -> events.accept(new PublishEvent.TorSaid(line)));
        if (e instanceof TorEvent.Bootstrap b) {
            events.accept(new PublishEvent.Bootstrap(b.progress(), b.summary()));
        } else if (e instanceof TorEvent.DescriptorUploaded u) {
            uploadedIds.add(u.serviceId());
            tellUploaded();
        }
    }

    private void tellUploaded() {
        OnionAddress id = ours;
        if (id != null && uploadedIds.contains(id.serviceId()) && !toldUploaded.getAndSet(true)) {
            events.accept(new PublishEvent.DescriptorUploaded(id.hostname()));
        }
    }

    /** {@code enable-tor}'s call: publishes on this thread, telling {@code events} each step. */
    public static Published publish(AnnexRepository repository, RepositoryOnion onion, TorOptions options,
            Duration timeout, Consumer<PublishEvent> events) throws Exception {
        return new OnionPublishing(repository, onion, options, timeout, events).run();
    }
}
