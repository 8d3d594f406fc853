package org.annexp2p.session.plugin.http;

import io.vavr.control.Option;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.annexp2p.http.client.AnnexUrl;
import org.annexp2p.http.client.CredentialSource;
import org.annexp2p.http.client.Credentials;
import org.annexp2p.http.client.GitCredentials;
import org.annexp2p.http.client.HttpClients;
import org.annexp2p.http.client.HttpPeer;
import org.annexp2p.http.client.P2pHttpClient;
import org.annexp2p.http.client.RemoteUuid;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.session.plugin.DialNotice;
import org.annexp2p.session.plugin.Dialed;
import org.annexp2p.session.plugin.Dialing;
import org.annexp2p.session.plugin.Greeting;
import org.annexp2p.session.plugin.MalformedAddressException;
import org.annexp2p.session.plugin.TransportPlugin;

/**
 * {@code annex+http://HOST[:PORT]/git-annex/[UUID]} and {@code annex+https://…}: a repository behind a p2phttp
 * server (git-annex's or ours). The connection is to the protocol server run in this process over the HTTP client
 * ({@link HttpPeer}), so the session is the same as over any other plugin. The served repository's UUID is the
 * address's, or, with {@code --repo}, that of the remote whose {@code annexurl} is this server; credentials come
 * from the environment, or with {@code --repo} from git's credential helpers; trusted certificates as
 * {@link HttpClients} says.
 */
public final class AnnexHttpPlugin implements TransportPlugin<AnnexUrl> {
    private final Map<String, String> environment;

    public AnnexHttpPlugin(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public String scheme() {
        return "annex+http";
    }

    @Override
    public String form() {
        return "annex+http(s)://HOST:PORT/git-annex/[UUID]";
    }

    @Override
    public boolean claims(String address) {
        return AnnexUrl.names(address);
    }

    @Override
    public AnnexUrl parse(String address) throws MalformedAddressException {
        return AnnexUrl.parse(address).getOrElseThrow(MalformedAddressException::new);
    }

    @Override
    public Dialed dial(AnnexUrl url, Dialing dialing) throws IOException {
        if (url.plaintextOffMachine()) {
            dialing.notices().accept(new DialNotice.Plaintext(url.toString()));
        }
        Option<Path> gitDir = dialing.repository() instanceof AnnexRepository a ? Option.some(a.gitDir()) : Option.none();
        Uuid server = url.repository().isDefined() ? url.repository().get()
                : gitDir.isDefined() ? RemoteUuid.of(gitDir.get(), url).getOrElseThrow(() -> unnamed(url, true))
                : unnamedThrow(url);
        Option<Credentials> given = Credentials.from(environment);
        CredentialSource credentials = given.isDefined() || gitDir.isEmpty() ? CredentialSource.fixed(given)
                : new GitCredentials(gitDir.get(), url);
        P2pHttpClient client = new P2pHttpClient(HttpClients.from(environment), url, server,
                dialing.repository().uuid(), credentials);
        return new Dialed(HttpPeer.open(client, server, url.toString()), new Greeting.Announced(), Optional.empty(), true);
    }

    private static Uuid unnamedThrow(AnnexUrl url) {
        throw unnamed(url, false);
    }

    private static MalformedAddressException unnamed(AnnexUrl url, boolean withRepo) {
        return new MalformedAddressException(url + " does not say which repository it serves: add its UUID ("
                + url + "UUID)" + (withRepo ? ", or set remote.NAME.annex-uuid for the remote whose annexurl it is"
                : ", or give --repo with a remote whose annexurl it is"));
    }
}
