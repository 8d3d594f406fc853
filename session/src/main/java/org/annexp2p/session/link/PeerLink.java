package org.annexp2p.session.link;

import java.io.IOException;
import java.util.Optional;
import org.annexp2p.interpreters.net.Relays;
import org.annexp2p.interpreters.net.Transcript;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.session.PeerFailure;
import org.annexp2p.session.PeerSession;
import org.annexp2p.session.plugin.Dialed;
import org.annexp2p.session.plugin.Greeting;
import org.annexp2p.tor.onion.TorAnnexAddress;
import org.annexp2p.transports.Connection;

/**
 * Linking to a peer, as git-annex's {@code p2p --link} and pairing do: AUTH only (proving the address and token
 * work and learning the peer's UUID), then a git remote for it with its annex-uuid, and its token in creds.
 */
public final class PeerLink {
    private PeerLink() {}

    /** A link made: the peer's UUID and the remote that now names it. */
    public record Linked(Uuid peer, String remote) {}

    /**
     * Authenticates over {@code connection} (a dialed connection to {@code address}, closed here) and, if the
     * peer accepts {@code token}, adds the remote ({@code name}, or the first free peerN) and stores the token.
     */
    public static Linked link(AnnexRepository repository, TorAnnexAddress address, Connection connection,
            AuthToken token, Transcript transcript, Optional<String> name) throws IOException {
        Uuid theirs = authenticate(repository, connection, token, transcript);
        return new Linked(theirs, addRemote(repository, address, theirs, token, name));
    }

    /** AUTH alone over {@code connection}, which is closed afterwards; the peer's UUID, or why not. */
    static Uuid authenticate(AnnexRepository repository, Connection connection, AuthToken token, Transcript transcript)
            throws IOException {
        Dialed dialed = new Dialed(connection, new Greeting.Token(token), Optional.empty(), true);
        try (PeerSession session = PeerSession.open(dialed, repository,
                PeerSession.Options.DEFAULT.withTranscript(transcript).authOnly(Relays.NONE))) {
            return session.peer();
        } catch (PeerFailure f) {
            String why = f.kind() == PeerFailure.Kind.CLOSED ? "the peer closed the connection" : f.detail();
            throw new IOException("Unable to authenticate with peer: " + why, f);
        }
    }

    /** Adds the remote (named {@code name}, or the first free peerN) and stores the token; returns the name. */
    static String addRemote(AnnexRepository repository, TorAnnexAddress address, Uuid theirs, AuthToken token,
            Optional<String> name) throws IOException {
        String remote = name.isPresent() ? name.get() : repository.remotes().freePeerName();
        repository.remotes().add(remote, address.format(), theirs);
        repository.creds().storePeerToken(address.onion().hostname(), token);
        return remote;
    }
}
