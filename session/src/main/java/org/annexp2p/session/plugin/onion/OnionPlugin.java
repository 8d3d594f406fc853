package org.annexp2p.session.plugin.onion;

import io.vavr.control.Option;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.repository.Repository;
import org.annexp2p.session.plugin.BadUsageException;
import org.annexp2p.session.plugin.Dialed;
import org.annexp2p.session.plugin.Dialing;
import org.annexp2p.session.plugin.Greeting;
import org.annexp2p.session.plugin.HandshakeDeadline;
import org.annexp2p.session.plugin.MalformedAddressException;
import org.annexp2p.session.plugin.TransportPlugin;
import org.annexp2p.tor.TorOptions;
import org.annexp2p.tor.onion.TorAnnexAddress;
import org.annexp2p.tor.socks.OnionDialer;
import org.annexp2p.transports.Connection;
import org.annexp2p.transports.tcp.TcpAddress;

/**
 * {@code tor-annex::ONION:PORT}: through tor's SOCKS port to an onion service that wants our token (the one the
 * repository stored when it linked to that onion, unless the user gives one). Connecting may take up to two
 * minutes of retries ({@link OnionRetry}); then the peer has {@value HandshakeDeadline#ONION_ANSWER_SECONDS} s to
 * answer, each round trip crossing six relays. A thin adapter over the tor module's {@link OnionDialer}.
 */
public final class OnionPlugin implements TransportPlugin<OnionPlugin.Target> {
    public static final String SCHEME = "tor-annex::";

    /** An address as the user wrote it (messages repeat it), and the onion it names. */
    public record Target(String written, TorAnnexAddress onion) {}

    private final String socksOption;

    /** Where git-annex expects tor's SOCKS port when nothing says otherwise. */
    public static final InetSocketAddress GIT_ANNEX_SOCKS = new InetSocketAddress("127.0.0.1", 9050);

    /** {@code socksOption}: the user's --tor-socks (may be null); see {@link #socks()}. */
    public OnionPlugin(String socksOption) {
        this.socksOption = socksOption;
    }

    @Override
    public String scheme() {
        return SCHEME;
    }

    @Override
    public String form() {
        return "tor-annex::ONION:PORT";
    }

    @Override
    public Target parse(String address) {
        try {
            return new Target(address, TorAnnexAddress.parse(address));
        } catch (RuntimeException e) {
            throw new MalformedAddressException(e.getMessage());
        }
    }

    @Override
    public Dialed dial(Target target, Dialing dialing) throws IOException {
        AuthToken token = dialing.token().resolve(target.written(), () -> stored(dialing.repository(), target.onion()));
        Connection c = dial(target.onion(), dialing, dialing.bound().map(HandshakeDeadline::left).orElse(OnionRetry.CONNECT_TIMEOUT));
        HandshakeDeadline deadline = dialing.bound().orElseGet(() -> HandshakeDeadline.after(System.nanoTime(),
                Duration.ofSeconds(HandshakeDeadline.ONION_ANSWER_SECONDS)));
        return new Dialed(c, new Greeting.Token(token), Optional.of(deadline), true);
    }

    /** The connection alone, retrying for up to {@code bound}: for a path that greets its own way (the remote helper). */
    public Connection dial(TorAnnexAddress onion, Dialing dialing, Duration bound) throws IOException {
        return OnionRetry.dial(new OnionDialer(socks()), onion, bound, dialing.verbose(), dialing.notices());
    }

    /** The token the repository stored for {@code onion} when it linked to it. */
    public static Option<AuthToken> stored(Repository repository, TorAnnexAddress onion) throws IOException {
        return repository instanceof AnnexRepository r ? r.creds().peerToken(onion.onion().hostname()) : Option.none();
    }

    /**
     * Where tor's SOCKS port is: --tor-socks, else $ANNEX_P2P_TOR_SOCKS, else {@link #GIT_ANNEX_SOCKS}. A command
     * that will dial an onion only later (pairing, after its exchange) asks first, so a typo fails before anything.
     *
     * @throws BadUsageException saying what is wrong with the given address
     */
    public InetSocketAddress socks() {
        String given = socksOption != null ? socksOption : System.getenv(TorOptions.ENV_SOCKS);
        if (given == null || given.isBlank()) {
            return GIT_ANNEX_SOCKS;
        }
        try {
            TcpAddress a = TcpAddress.parse(given.trim());
            return new InetSocketAddress(a.host(), a.port());
        } catch (RuntimeException e) {
            throw new BadUsageException("bad tor SOCKS address " + given + " (expected HOST:PORT): " + e.getMessage());
        }
    }
}
