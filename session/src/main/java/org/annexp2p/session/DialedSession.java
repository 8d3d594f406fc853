package org.annexp2p.session;

import io.vavr.control.Either;
import java.io.IOException;
import org.annexp2p.protocol.program.Program;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.session.plugin.Dialed;
import org.annexp2p.session.plugin.Dialing;

/**
 * A client's {@link PeerSession} on the peer it names, with the standard plugins it was dialed through: what get,
 * put, checkpresent, lock and remove open. Closing it closes the session, then the plugins.
 */
public final class DialedSession implements AutoCloseable {
    /** Where the peer is: a command to start ({@code --exec}), or an address of any plugin's scheme. */
    public sealed interface Route {
        record Exec(String command) implements Route {}

        record Address(String address) implements Route {}
    }

    private final StandardPlugins plugins;
    private final PeerSession session;

    private DialedSession(StandardPlugins plugins, PeerSession session) {
        this.plugins = plugins;
        this.session = session;
    }

    /** Dials {@code route} through plugins built from {@code settings}, and opens the session there. */
    public static DialedSession open(StandardPlugins.Settings settings, Route route, Dialing dialing,
            PeerSession.Options options) throws IOException {
        StandardPlugins plugins = StandardPlugins.of(settings);
        try {
            Dialed dialed = route instanceof Route.Exec e
                    ? plugins.exec().dial(plugins.exec().parse(e.command()), dialing)
                    : plugins.addresses().dial(((Route.Address) route).address(), dialing);
            return new DialedSession(plugins, PeerSession.open(dialed, dialing.repository(), options));
        } catch (IOException | RuntimeException e) {
            plugins.close();
            throw e;
        }
    }

    /** Runs {@code operation}; the peer's refusal or a broken conversation is a {@link PeerFailure}. */
    public <A> A run(Program<Either<String, A>> operation) throws IOException {
        return session.run(operation);
    }

    /** The UUID the peer authenticated with. */
    public Uuid peer() {
        return session.peer();
    }

    @Override
    public void close() {
        session.close();
        plugins.close();
    }
}
