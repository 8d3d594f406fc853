package org.annexp2p.tor;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import org.annexp2p.tor.control.TorEvent;
import org.annexp2p.tor.onion.RepositoryOnion;
import org.annexp2p.tor.onion.TorAnnexAddress;
import org.annexp2p.transports.ConnectionHandler;
import org.annexp2p.transports.ConnectionServer;
import org.annexp2p.transports.ServerOptions;
import org.annexp2p.transports.tcp.TcpTransport;

/**
 * A repository's onion being served: a session with tor, a loopback listener only tor knows about, the onion
 * (from {@code enable-tor}) published over it, and a reachability check after the start and after every recovery
 * of tor. Serving starts at once; what is known later is told to a {@link Watcher}.
 */
public final class OnionServing implements Closeable {

    /** What the server hears about, each on a thread of its own. */
    public interface Watcher {
        /** Every event of the session (bootstrap, descriptors, tor exiting and coming back, ...). */
        void event(TorEvent event);

        /** The onion was reached through Tor; {@code again}: after a recovery. */
        void reachable(Reachability reachability, boolean again);

        void notConfirmed(TorException why, boolean again);
    }

    private final TorSession session;
    private final TcpTransport tcp;
    private final OnionListener listener;
    private final ConnectionServer server;

    private OnionServing(TorSession session, TcpTransport tcp, OnionListener listener, ConnectionServer server) {
        this.session = session;
        this.tcp = tcp;
        this.listener = listener;
        this.server = server;
    }

    /**
     * Publishes {@code onion} through the tor {@code options} choose and serves it with {@code handler}. Fails when
     * the repository has no onion yet.
     */
    public static OnionServing start(TorOptions options, RepositoryOnion onion, ConnectionHandler handler,
            ServerOptions limits, Duration probeTimeout, Watcher watcher) throws IOException {
        TorAnnexAddress published = onion.published().orElseThrow(() -> new IOException(
                "this repository has no onion address yet; run `annex-p2p enable-tor` first"));
        TorSession session = TorSession.open(options);
        TcpTransport tcp = new TcpTransport();
        try {
            OnionListener listener = OnionListener.overLoopback(session, onion.keyFile(), published.port(),
                    tcp.listen("127.0.0.1:0"));
            OnionServing serving = new OnionServing(session, tcp, listener, ConnectionServer.start(listener, handler, limits));
            session.addListener(e -> {
                watcher.event(e);
                if (e instanceof TorEvent.Recovered) {
                    serving.probe(probeTimeout, watcher, true);
                }
            });
            serving.probe(probeTimeout, watcher, false);
            return serving;
        } catch (IOException | RuntimeException e) {
            tcp.close();
            session.close();
            throw e;
        }
    }

    public TorAnnexAddress address() {
        return listener.service().torAnnexAddress();
    }

    public TorSession session() {
        return session;
    }

    private void probe(Duration timeout, Watcher watcher, boolean again) {
        Thread t = new Thread(() -> {
            try {
                watcher.reachable(session.measure(listener.service(), timeout), again);
            } catch (TorException e) {
                watcher.notConfirmed(e, again);
            }
        }, "onion-reachability");
        t.setDaemon(true);
        t.start();
    }

    /** Stops accepting (the onion is removed), lets the server's connections finish within its grace, stops tor. */
    @Override
    public void close() {
        server.close();
        tcp.close();
        session.close();
    }
}
