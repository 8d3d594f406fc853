package org.annexp2p.session.link;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Consumer;
import org.annexp2p.http.client.AnnexUrl;
import org.annexp2p.interpreters.net.Transcript;
import org.annexp2p.protocol.conversation.Client;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.session.PeerFailure;
import org.annexp2p.session.PeerSession;
import org.annexp2p.session.plugin.DialNotice;
import org.annexp2p.session.plugin.Dialing;
import org.annexp2p.session.plugin.GivenToken;
import org.annexp2p.session.plugin.MalformedAddressException;
import org.annexp2p.session.plugin.TransportPlugins;

/**
 * Linking to a repository behind a p2phttp server, {@code annex+http(s)://HOST:PORT/git-annex/UUID}: the remote
 * git-annex itself uses for one, {@code remote.NAME.url} (the server's http(s) location: p2phttp serves no git, so
 * git's fetch and push need another URL there if wanted), {@code remote.NAME.annexurl} (the address without the
 * UUID, as git-annex keeps it) and {@code remote.NAME.annex-uuid}. The UUID is the address's or, as for every
 * annex+http client, that of an existing remote whose annexurl is this server: the p2phttp API cannot tell it.
 * A checkpresent is asked first, so a server that does not serve that repository to us is not linked. There is no
 * token: credentials, if the server wants them, come from git's credential helpers (or the environment) each time,
 * and nothing of them is written by us.
 */
final class HttpLink {
    /** The key of empty content: asking whether the server has it reads nothing and changes nothing. */
    private static final Key PROBE = Key.parse("SHA256E-s0--e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
            .getOrElseThrow(m -> new IllegalStateException(m));

    private final AnnexRepository repository;
    private final TransportPlugins plugins;
    private final Consumer<DialNotice> notices;
    private final Transcript transcript;
    private final boolean verbose;

    HttpLink(AnnexRepository repository, TransportPlugins plugins, Consumer<DialNotice> notices, Transcript transcript,
            boolean verbose) {
        this.repository = repository;
        this.plugins = plugins;
        this.notices = notices;
        this.transcript = transcript;
        this.verbose = verbose;
    }

    PeerLink.Linked link(String address, Optional<String> name) throws IOException {
        AnnexUrl url = AnnexUrl.parse(address).getOrElseThrow(MalformedAddressException::new);
        Dialing dialing = new Dialing(repository, GivenToken.exactly(AuthToken.EMPTY), Optional.empty(), notices, verbose);
        Uuid theirs;
        try (PeerSession session = PeerSession.open(plugins.dial(address, dialing), repository,
                PeerSession.Options.DEFAULT.withTranscript(transcript))) {
            session.run(Client.checkPresent(PROBE));
            theirs = session.peer();
        } catch (PeerFailure f) {
            throw new IOException("Unable to reach the repository at " + address + ": " + f.detail(), f);
        }
        String remote = name.isPresent() ? name.get() : repository.remotes().freePeerName();
        repository.remotes().add(remote, url.base().toString(), theirs);
        repository.remotes().configure(remote, "annexurl", url.toString());
        return new PeerLink.Linked(theirs, remote);
    }
}
