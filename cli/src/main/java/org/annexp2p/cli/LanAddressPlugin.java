package org.annexp2p.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.annexp2p.cli.lan.LanDial;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.session.plugin.Dialed;
import org.annexp2p.session.plugin.Dialing;
import org.annexp2p.session.plugin.Greeting;
import org.annexp2p.session.plugin.HandshakeDeadline;
import org.annexp2p.session.plugin.TransportPlugin;

/**
 * {@code lan://HOST:PORT}, a peer paired with {@code pair --lan}: pinned TLS to its key, found again by a where-is
 * query when it moved, greeted with the token pairing stored (or --token; the environment's is not used). An
 * adapter over {@link LanDial} until the LAN plugin lives with the other plugins.
 */
record LanAddressPlugin(Path repo, int discoveryPort) implements TransportPlugin<String> {
    /** How long finding and reaching a LAN peer may take without --timeout. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

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
        return address.substring(scheme().length());
    }

    @Override
    public Dialed dial(String hostPort, Dialing dialing) throws IOException {
        Optional<AuthToken> own = dialing.token().fromOption();
        LanDial.Link lan = LanDial.open(repo, hostPort, discoveryPort,
                dialing.bound().map(HandshakeDeadline::left).orElse(CONNECT_TIMEOUT));
        HandshakeDeadline deadline = dialing.bound().orElseGet(() -> HandshakeDeadline.after(System.nanoTime(),
                Duration.ofSeconds(HandshakeDeadline.LAN_ANSWER_SECONDS)));
        return new Dialed(lan.connection(), new Greeting.Token(own.orElse(lan.token())), Optional.of(deadline), true);
    }
}
