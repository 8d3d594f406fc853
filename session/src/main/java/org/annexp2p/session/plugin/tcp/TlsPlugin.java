package org.annexp2p.session.plugin.tcp;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Supplier;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.repository.creds.CredsDir;
import org.annexp2p.session.plugin.Dialed;
import org.annexp2p.session.plugin.Dialing;
import org.annexp2p.session.plugin.GivenToken;
import org.annexp2p.session.plugin.Greeting;
import org.annexp2p.session.plugin.HandshakeDeadline;
import org.annexp2p.session.plugin.Listening;
import org.annexp2p.session.plugin.MalformedAddressException;
import org.annexp2p.session.plugin.TransportPlugin;
import org.annexp2p.transports.Connection;
import org.annexp2p.transports.Listener;
import org.annexp2p.transports.tcp.TcpTransport;
import org.annexp2p.transports.tcp.TlsAddress;
import org.annexp2p.transports.tcp.TlsTransport;

/**
 * {@code tls://HOST:PORT/PIN}: TLS trusting only the server key the pin names, to a server that wants our token.
 * A listener serves with the repository's own key ({@link TlsIdentityFile}), whose pin its clients dial.
 */
public final class TlsPlugin implements TransportPlugin<TlsPlugin.Target> {

    /** An address as the user wrote it (messages repeat it), and where it leads. */
    public record Target(String written, TlsAddress address) {}

    private final Supplier<TcpTransport> tcp;

    public TlsPlugin(Supplier<TcpTransport> tcp) {
        this.tcp = tcp;
    }

    @Override
    public String scheme() {
        return TlsAddress.SCHEME;
    }

    @Override
    public String form() {
        return "tls://HOST:PORT/PIN";
    }

    @Override
    public Target parse(String address) {
        try {
            return new Target(address, TlsAddress.parse(address));
        } catch (IllegalArgumentException e) {
            throw new MalformedAddressException(e.getMessage());
        }
    }

    @Override
    public Dialed dial(Target target, Dialing dialing) throws IOException {
        HandshakeDeadline deadline = dialing.bound().orElseGet(TcpPlugin::defaultDeadline);
        AuthToken token = dialing.token().resolve(target.written(), GivenToken.Stored.NONE);
        Connection c = new TlsTransport(tcp.get()).dial(target.address(), deadline.left());
        return new Dialed(c, new Greeting.Token(token), Optional.of(deadline), true);
    }

    /** Serves TLS with the repository's key, made and saved on first use. */
    @Override
    public Listener listen(String bind, Listening listening) throws IOException {
        return listen(bind, listening.repository().creds());
    }

    /** As {@link #listen(String, Listening)}, with the key kept in {@code creds}. */
    public Listener listen(String bind, CredsDir creds) throws IOException {
        return new TlsTransport(tcp.get()).listen(bind, TlsIdentityFile.in(creds).serverKey());
    }
}
