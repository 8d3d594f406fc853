package org.annexp2p.cli;

import io.vavr.control.Either;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.annexp2p.protocol.program.Program;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.repository.LooseFiles;
import org.annexp2p.repository.Repository;
import org.annexp2p.session.PeerSession;
import org.annexp2p.session.StandardPlugins;
import org.annexp2p.session.plugin.DialNotice;
import org.annexp2p.session.plugin.Dialed;
import org.annexp2p.session.plugin.Dialing;
import org.annexp2p.session.plugin.GivenToken;
import org.annexp2p.session.plugin.HandshakeDeadline;

/**
 * A client command's {@link PeerSession} on the peer its options name, with the plugins it was dialed through:
 * the options turned into the session's settings, and what the plugins tell the user worded for the terminal.
 */
final class ClientSession implements AutoCloseable {
    private final StandardPlugins plugins;
    private final PeerSession session;

    private ClientSession(StandardPlugins plugins, PeerSession session) {
        this.plugins = plugins;
        this.session = session;
    }

    /** The repository we act for: the one --repo names, or loose files under a fresh identity. */
    static Repository repository(PeerOptions o) throws IOException {
        return o.repo != null ? AnnexRepository.open(o.repo) : LooseFiles.underFreshIdentity();
    }

    static ClientSession open(PeerOptions o, PeerOptions.Route route, Repository repository) throws IOException {
        Optional<HandshakeDeadline> bound = Optional.ofNullable(o.timeout)
                .map(t -> HandshakeDeadline.after(System.nanoTime(), t));
        boolean debug = o.debug;
        Dialing dialing = new Dialing(repository, GivenToken.of(o.token), bound, ClientSession::tell, debug);
        StandardPlugins plugins = StandardPlugins.of(new StandardPlugins.Settings(o.torSocks, o.discoveryPort));
        try {
            Dialed dialed = route.exec != null
                    ? plugins.exec().dial(plugins.exec().parse(route.exec), dialing)
                    : plugins.addresses().dial(route.address, dialing);
            return new ClientSession(plugins, PeerSession.open(dialed, repository,
                    PeerSession.Options.DEFAULT.withTranscript(Debug.transcript(debug))));
        } catch (IOException | RuntimeException e) {
            plugins.close();
            throw e;
        }
    }

    /** A plugin's notice, as the terminal shows it. */
    static void tell(DialNotice notice) {
        if (notice instanceof DialNotice.Plaintext p) {
            System.err.println(PlaintextWarning.forClient(p.address()));
        } else if (notice instanceof DialNotice.RetryingOnion r) {
            System.err.println("annex-p2p: " + Main.oneLine(r.failure()) + "; retrying for up to " + r.secondsLeft()
                    + " s (a restarted onion needs its new descriptor to reach tor)");
        } else if (notice instanceof DialNotice.Progress p) {
            System.err.println(TerminalText.of("annex-p2p: " + p.line()));
        }
    }

    /** Runs {@code operation}; the peer's refusal or a broken conversation is a {@link org.annexp2p.session.PeerFailure}. */
    <A> A run(Program<Either<String, A>> operation) throws IOException {
        return session.run(operation);
    }

    /** The UUID the peer authenticated with. */
    Uuid peer() {
        return session.peer();
    }

    @Override
    public void close() {
        session.close();
        plugins.close();
    }

    static Path path(String s) {
        return Path.of(s).toAbsolutePath();
    }
}
