package org.annexp2p.session.lan;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.annexp2p.pairing.lan.LanDial;
import org.annexp2p.pairing.lan.LanServing;
import org.annexp2p.pairing.lan.PinnedTlsListener;
import org.annexp2p.pairing.lan.WhereIsAnswers;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.repository.creds.CredsDir;
import org.annexp2p.session.plugin.BadUsageException;
import org.annexp2p.session.plugin.DialNotice;
import org.annexp2p.session.plugin.Dialed;
import org.annexp2p.session.plugin.Dialing;
import org.annexp2p.session.plugin.Greeting;
import org.annexp2p.session.plugin.HandshakeDeadline;
import org.annexp2p.session.plugin.Listening;
import org.annexp2p.session.plugin.MalformedAddressException;
import org.annexp2p.session.plugin.TransportPlugin;
import org.annexp2p.transports.Connection;
import org.annexp2p.transports.Listener;

/**
 * {@code lan://IP:PORT}: a peer paired with {@code pair --lan}, over TLS pinned to its key. Dialing presents this
 * repository's LAN identity and the pairing's token (a {@code --token} wins), tries the peer's saved addresses and
 * then asks where it is now ({@link LanDial}); listening accepts only paired keys and answers their where-is queries.
 * The parsed address is the {@code IP:PORT} as written, for messages.
 */
public final class LanPlugin implements TransportPlugin<String> {

    /** Connecting, where-is included, when the user set no bound. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

    private final int discoveryPort;

    /** @param discoveryPort the UDP port of where-is queries and answers */
    public LanPlugin(int discoveryPort) {
        this.discoveryPort = discoveryPort;
    }

    @Override
    public String scheme() {
        return "lan://";
    }

    @Override
    public String form() {
        return "lan://IP:PORT";
    }

    @Override
    public String parse(String address) {
        String hostPort = address.substring(scheme().length());
        try {
            LanDial.parse(hostPort);
        } catch (IllegalArgumentException e) {
            throw new MalformedAddressException(e.getMessage());
        }
        return hostPort;
    }

    @Override
    public Dialed dial(String hostPort, Dialing dialing) throws IOException {
        if (!(dialing.repository() instanceof AnnexRepository repository)) {
            throw new BadUsageException("--address lan://... needs --repo: the pairing is stored in the repository");
        }
        // A malformed --token is bad usage, said before anything is dialed.
        Optional<AuthToken> given = dialing.token().fromOption();
        LanDial.Link link = LanDial.reach(repository.creds(), hostPort, discoveryPort,
                dialing.bound().map(HandshakeDeadline::left).orElse(CONNECT_TIMEOUT),
                line -> dialing.notices().accept(new DialNotice.Progress(line)));
        HandshakeDeadline deadline = dialing.bound().orElse(
                HandshakeDeadline.after(System.nanoTime(), Duration.ofSeconds(HandshakeDeadline.LAN_ANSWER_SECONDS)));
        return new Dialed(link.connection(), new Greeting.Token(given.orElse(link.token())), Optional.of(deadline), true);
    }

    /**
     * The address of {@code serve --lan-listen HOST:PORT} (no scheme there); a malformed one is said in one line.
     */
    public static String listenAddress(String hostPort) {
        try {
            LanServing.parse(hostPort);
        } catch (IllegalArgumentException e) {
            throw new MalformedAddressException(e.getMessage());
        }
        return hostPort;
    }

    /**
     * Accepts paired peers at {@code hostPort} and answers their where-is queries. Refused clients and where-is
     * problems are told to the notices ("note: where-is answers: ..."); text in them may be a client's.
     */
    @Override
    public LanListener listen(String hostPort, Listening listening) throws IOException {
        CredsDir creds = listening.repository().creds();
        PinnedTlsListener tls = LanServing.listen(creds, hostPort, listening.notices());
        try {
            WhereIsAnswers whereIs = LanServing.answerWhereIs(tls.address(), creds, listening.repository().uuid().value(),
                    discoveryPort, p -> listening.notices().accept("note: where-is answers: " + p));
            return new LanListener(tls, whereIs, LanServing.describe(tls.address(), creds));
        } catch (IOException | RuntimeException e) {
            tls.close();
            throw e;
        }
    }

    /**
     * A listener for paired peers, answering where-is while it accepts.
     *
     * @param described the banner line: {@code lan://IP:PORT (our key ...)}, the key clients pin
     */
    public record LanListener(PinnedTlsListener tls, WhereIsAnswers whereIs, String described) implements Listener {

        @Override
        public Connection accept() throws IOException {
            return tls.accept();
        }

        @Override
        public String address() {
            return tls.address();
        }

        /** How many paired peers can ask where we are; 0 when no discovery channel could be opened. */
        public int whereIsPeers() {
            return whereIs.peers();
        }

        @Override
        public void close() {
            whereIs.close();
            tls.close();
        }
    }
}
