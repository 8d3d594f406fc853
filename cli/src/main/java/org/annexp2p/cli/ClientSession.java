package org.annexp2p.cli;

import org.annexp2p.protocol.wire.ShownText;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.repository.LooseFiles;
import org.annexp2p.repository.Repository;
import org.annexp2p.session.DialedSession;
import org.annexp2p.session.PeerSession;
import org.annexp2p.session.StandardPlugins;
import org.annexp2p.session.plugin.DialNotice;
import org.annexp2p.session.plugin.Dialing;
import org.annexp2p.session.plugin.GivenToken;
import org.annexp2p.session.plugin.HandshakeDeadline;
import org.annexp2p.session.plugin.tcp.PlaintextWarning;

/**
 * A client command's options turned into a {@link DialedSession} on the peer they name, and what the plugins tell
 * the user worded for the terminal.
 */
final class ClientSession {
    private ClientSession() {}

    /** The repository we act for: the one --repo names, or loose files under a fresh identity. */
    static Repository repository(PeerOptions o) throws IOException {
        return o.repo != null ? AnnexRepository.open(o.repo) : LooseFiles.underFreshIdentity();
    }

    static DialedSession open(PeerOptions o, PeerOptions.Route route, Repository repository) throws IOException {
        Optional<HandshakeDeadline> bound = Optional.ofNullable(o.timeout)
                .map(t -> HandshakeDeadline.after(System.nanoTime(), t));
        Dialing dialing = new Dialing(repository, GivenToken.of(o.token), bound, ClientSession::tell, o.debug);
        return DialedSession.open(new StandardPlugins.Settings(o.torSocks, o.discoveryPort),
                route.exec != null ? new DialedSession.Route.Exec(route.exec) : new DialedSession.Route.Address(route.address),
                dialing, PeerSession.Options.DEFAULT.withTranscript(Debug.transcript(o.debug)));
    }

    /** A plugin's notice, as the terminal shows it. */
    static void tell(DialNotice notice) {
        if (notice instanceof DialNotice.Plaintext p) {
            System.err.println(PlaintextWarning.forClient(p.address()));
        } else if (notice instanceof DialNotice.RetryingOnion r) {
            System.err.println("annex-p2p: " + Main.oneLine(r.failure()) + "; retrying for up to " + r.secondsLeft()
                    + " s (a restarted onion needs its new descriptor to reach tor)");
        } else if (notice instanceof DialNotice.Progress p) {
            System.err.println(ShownText.of("annex-p2p: " + p.line()));
        }
    }

    static Path path(String s) {
        return Path.of(s).toAbsolutePath();
    }
}
