package org.annexp2p.session.link;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Consumer;
import org.annexp2p.http.client.AnnexUrl;
import org.annexp2p.interpreters.net.Relays;
import org.annexp2p.interpreters.net.Transcript;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.repository.creds.CredsDir;
import org.annexp2p.session.PeerFailure;
import org.annexp2p.session.PeerSession;
import org.annexp2p.session.plugin.DialNotice;
import org.annexp2p.session.plugin.Dialed;
import org.annexp2p.session.plugin.Dialing;
import org.annexp2p.session.plugin.GivenToken;
import org.annexp2p.session.plugin.MalformedAddressException;
import org.annexp2p.session.plugin.TransportPlugins;
import org.annexp2p.session.plugin.net.NetworkAddress;
import org.annexp2p.tor.onion.TorAnnexAddress;

/**
 * Linking to a peer, as git-annex's {@code p2p --link} and pairing do: dial its {@code tor-annex::} or
 * {@code p2p-annex::} address (an {@code annex+http(s)://} one is linked as {@link HttpLink} says)
 * through the plugins every command uses, AUTH only (proving the address and token work and learning the peer's
 * UUID), then a git remote for it with its annex-uuid, and its token in creds.
 */
public final class PeerLink {
    /** A link made: the peer's UUID and the remote that now names it. */
    public record Linked(Uuid peer, String remote) {}

    private final AnnexRepository repository;
    private final TransportPlugins plugins;
    private final Consumer<DialNotice> notices;
    private final Transcript transcript;
    private final boolean verbose;

    /**
     * Links {@code repository} to peers dialed through {@code plugins}, telling {@code notices} what the plugin
     * says while dialing (every retry when {@code verbose}) and {@code transcript} the conversation.
     */
    public PeerLink(AnnexRepository repository, TransportPlugins plugins, Consumer<DialNotice> notices,
            Transcript transcript, boolean verbose) {
        this.repository = repository;
        this.plugins = plugins;
        this.notices = notices;
        this.transcript = transcript;
        this.verbose = verbose;
    }

    /**
     * Dials {@code address} ({@code tor-annex::ONION:PORT} or {@code p2p-annex::NETNAME:ADDRESS}) and, if the peer accepts {@code token}, adds the remote
     * ({@code name}, or the first free peerN) and stores the token.
     */
    public Linked link(String address, AuthToken token, Optional<String> name) throws IOException {
        if (AnnexUrl.names(address)) {
            return new HttpLink(repository, plugins, notices, transcript, verbose).link(address, name);
        }
        if (address.startsWith(NetworkAddress.SCHEME)) {
            return linkNetwork(NetworkAddress.parse(address), token, name);
        }
        TorAnnexAddress onion;
        try {
            onion = TorAnnexAddress.parse(address);
        } catch (RuntimeException e) {
            throw new MalformedAddressException(e.getMessage());
        }
        Dialing dialing = new Dialing(repository, GivenToken.exactly(token), Optional.empty(), notices, verbose);
        Uuid theirs = authenticate(plugins.dial(onion.format(), dialing));
        return new Linked(theirs, addRemote(onion, theirs, token, name));
    }

    /** As git-annex links a generic network's address: the remote's url is the address, the token in its creds file. */
    private Linked linkNetwork(NetworkAddress address, AuthToken token, Optional<String> name) throws IOException {
        Dialing dialing = new Dialing(repository, GivenToken.exactly(token), Optional.empty(), notices, verbose);
        Uuid theirs = authenticate(plugins.dial(address.toString(), dialing));
        String remote = name.isPresent() ? name.get() : repository.remotes().freePeerName();
        repository.remotes().add(remote, address.toString(), theirs);
        repository.creds().file(CredsDir.escapedName(address.credsName())).writeText(token.reveal());
        return new Linked(theirs, remote);
    }

    /** AUTH alone over the dialed connection, which is closed afterwards; the peer's UUID, or why not. */
    private Uuid authenticate(Dialed dialed) throws IOException {
        try (PeerSession session = PeerSession.open(dialed, repository,
                PeerSession.Options.DEFAULT.withTranscript(transcript).authOnly(Relays.NONE))) {
            return session.peer();
        } catch (PeerFailure f) {
            String why = f.kind() == PeerFailure.Kind.CLOSED ? "the peer closed the connection" : f.detail();
            throw new IOException("Unable to authenticate with peer: " + why, f);
        }
    }

    /** Adds the remote (named {@code name}, or the first free peerN) and stores the token; returns the name. */
    private String addRemote(TorAnnexAddress address, Uuid theirs, AuthToken token, Optional<String> name)
            throws IOException {
        String remote = name.isPresent() ? name.get() : repository.remotes().freePeerName();
        repository.remotes().add(remote, address.format(), theirs);
        repository.creds().storePeerToken(address.onion().hostname(), token);
        return remote;
    }
}
