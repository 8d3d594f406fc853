package org.annexp2p.session.remote;

import io.vavr.control.Either;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;
import org.annexp2p.interpreters.net.GitRelays;
import org.annexp2p.interpreters.net.Transcript;
import org.annexp2p.protocol.conversation.Client;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.protocol.wire.ExitCode;
import org.annexp2p.protocol.wire.Service;
import org.annexp2p.repository.Repository;
import org.annexp2p.session.PeerFailure;
import org.annexp2p.session.PeerSession;
import org.annexp2p.session.plugin.Dialed;
import org.annexp2p.session.plugin.GivenToken;
import org.annexp2p.session.plugin.Greeting;
import org.annexp2p.session.plugin.net.NetworkAddress;
import org.annexp2p.session.plugin.net.NetworkPlugin;

/**
 * The library side of {@code git-remote-p2p-annex}: as {@link TorAnnexRemote}, for {@code p2p-annex::NETNAME:ADDRESS}
 * URLs, reaching the peer through the network's helper. git passes the URL without its {@code p2p-annex::}.
 */
public final class NetworkRemote {
    private NetworkRemote() {}

    /** The address in git's second argument, checked as any {@code p2p-annex::} address is; written in full. */
    public static String address(List<String> args) throws IOException {
        if (args.size() < 2) {
            throw new IOException("remote address not configured");
        }
        return NetworkAddress.parse(NetworkAddress.SCHEME + args.get(1)).toString();
    }

    /** Runs the network's helper, authenticates and relays git's streams to the peer's service; its exit code. */
    public static ExitCode connect(Repository repository, String written, Service service, InputStream gitIn,
            OutputStream gitOut, Transcript transcript) throws IOException, PeerFailure {
        NetworkAddress address = NetworkAddress.parse(written);
        AuthToken token = GivenToken.of(null).forRemoteHelper(() -> NetworkPlugin.stored(repository, address));
        // No VERSION and no deadline on this path, as with git-annex's helper.
        PeerSession.Options options = PeerSession.Options.DEFAULT.withTranscript(transcript)
                .authOnly(new GitRelays(null, gitIn, gitOut));
        Dialed dialed = new Dialed(NetworkPlugin.onPath().connect(address), new Greeting.Token(token), Optional.empty(), true);
        try (PeerSession session = PeerSession.open(dialed, repository, options)) {
            return session.run(Client.connect(service).map(Either::<String, ExitCode>right));
        }
    }
}
