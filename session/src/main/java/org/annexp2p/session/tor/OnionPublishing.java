package org.annexp2p.session.tor;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.annexp2p.interpreters.Serving;
import org.annexp2p.interpreters.net.Relays;
import org.annexp2p.interpreters.net.Transcript;
import org.annexp2p.protocol.conversation.ServerMode;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.tor.OnionListener;
import org.annexp2p.tor.Reachability;
import org.annexp2p.tor.TorEventLine;
import org.annexp2p.tor.TorOptions;
import org.annexp2p.tor.TorSession;
import org.annexp2p.tor.onion.RepositoryOnion;
import org.annexp2p.transports.ConnectionServer;
import org.annexp2p.transports.ServerOptions;
import org.annexp2p.transports.tcp.TcpTransport;

/**
 * What {@code enable-tor} does: publish the repository's onion service through tor (its key kept in creds, so the
 * address never changes), record {@code tor-annex::ONION:PORT} in {@code p2paddrs} as git-annex does, then measure
 * that the onion is really reachable. While measuring, the onion leads to a server that refuses every token: it
 * proves the circuit, nothing more.
 */
public final class OnionPublishing {
    /** What the front end hears as the steps go. */
    public interface Steps {
        /** A tor an earlier run left running for this repository was stopped first. */
        void stoppedLeftover(long pid);

        /** The address is published and recorded; measuring begins. */
        void recorded(String address);
    }

    /** A published, reachable onion: its address and how reaching it went. */
    public record Published(String address, Reachability reachability) {}

    private OnionPublishing() {}

    /**
     * Publishes {@code repository}'s onion through the tor {@code options} choose and measures it for up to
     * {@code timeout}; {@code torSays} hears, line by line, what tor reports meanwhile.
     */
    public static Published publish(AnnexRepository repository, RepositoryOnion onion, TorOptions options,
            Duration timeout, Consumer<String> torSays, Steps steps) throws Exception {
        Serving refuseAll = new Serving(repository, ServerMode.READ_ONLY, List::of, Relays.NONE, Transcript.NONE);
        try (TorSession session = TorSession.open(options);
                TcpTransport tcp = new TcpTransport()) {
            session.addListener(e -> TorEventLine.of(e).ifPresent(torSays));
            session.stoppedLeftover().ifPresent(steps::stoppedLeftover);
            try (OnionListener listener = OnionListener.overLoopback(session, onion.keyFile(), onion.port(),
                    tcp.listen("127.0.0.1:0"));
                    ConnectionServer probe = ConnectionServer.start(listener, refuseAll,
                            ServerOptions.of(4, "ERROR too many connections\n"))) {
                String address = listener.service().torAnnexAddress().format();
                repository.creds().addOwnAddress(address);
                onion.remember(listener.service().torAnnexAddress());
                steps.recorded(address);
                return new Published(address, session.measure(listener.service(), timeout));
            }
        }
    }
}
