package org.annexp2p.session.plugin.tcp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.session.plugin.DialNotice;
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
import org.annexp2p.transports.tcp.TcpAddress;
import org.annexp2p.transports.tcp.TcpTransport;

/**
 * {@code tcp://HOST:PORT}: plaintext TCP to a server that wants our token. Off loopback the token and data cross
 * the network unencrypted, which the user is told before dialing. Connecting and answering share one deadline.
 */
public final class TcpPlugin implements TransportPlugin<TcpPlugin.Target> {
    public static final String SCHEME = "tcp://";

    /** An address as the user wrote it (messages repeat it), and where it leads. */
    public record Target(String written, TcpAddress endpoint) {}

    private final Supplier<TcpTransport> tcp;

    public TcpPlugin(Supplier<TcpTransport> tcp) {
        this.tcp = tcp;
    }

    @Override
    public String scheme() {
        return SCHEME;
    }

    @Override
    public String form() {
        return "tcp://HOST:PORT";
    }

    @Override
    public Target parse(String address) {
        try {
            return new Target(address, TcpAddress.parse(address));
        } catch (IllegalArgumentException e) {
            throw new MalformedAddressException(e.getMessage());
        }
    }

    @Override
    public Dialed dial(Target target, Dialing dialing) throws IOException {
        HandshakeDeadline deadline = dialing.bound().orElseGet(TcpPlugin::defaultDeadline);
        if (offLoopback(target.endpoint())) {
            dialing.notices().accept(new DialNotice.Plaintext(target.written()));
        }
        AuthToken token = dialing.token().resolve(target.written(), GivenToken.Stored.NONE);
        Connection c = tcp.get().dial(target.written().substring(SCHEME.length()), deadline.left());
        return new Dialed(c, new Greeting.Token(token), Optional.of(deadline), true);
    }

    @Override
    public Listener listen(String bind, Listening listening) throws IOException {
        return tcp.get().listen(bind);
    }

    /** Without --timeout, a TCP peer has this long to connect and answer together. */
    static HandshakeDeadline defaultDeadline() {
        return HandshakeDeadline.after(System.nanoTime(), Duration.ofSeconds(HandshakeDeadline.TCP_SECONDS));
    }

    /** Whether {@code endpoint} is another machine; an address that does not resolve fails its dial instead. */
    static boolean offLoopback(TcpAddress endpoint) {
        try {
            return !InetAddress.getByName(endpoint.host()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
