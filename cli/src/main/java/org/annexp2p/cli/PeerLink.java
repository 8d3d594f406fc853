package org.annexp2p.cli;

import io.vavr.control.Either;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import org.annexp2p.interpreters.Full;
import org.annexp2p.interpreters.Outcome;
import org.annexp2p.interpreters.local.RepositoryLocal;
import org.annexp2p.interpreters.net.AuthCheck;
import org.annexp2p.interpreters.net.Relays;
import org.annexp2p.interpreters.net.StreamNet;
import org.annexp2p.protocol.conversation.Client;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.tor.onion.TorAnnexAddress;
import org.annexp2p.tor.socks.OnionDialer;
import org.annexp2p.transports.Connection;

/**
 * Linking to a peer, as git-annex's {@code p2p --link} and pairing do: AUTH only (proving the address and token
 * work and learning the peer's UUID), then a git remote for it with its annex-uuid, and its token in creds.
 */
final class PeerLink {
    private PeerLink() {}

    /** One attempt: pairing retries in rounds of its own, as git-annex does. */
    static Uuid authenticate(AnnexRepository repository, TorAnnexAddress address, AuthToken token,
            InetSocketAddress socks, boolean debug) throws IOException {
        return authenticate(repository, new OnionDialer(socks).dial(address.dialString(), ClientSession.TOR_CONNECT_TIMEOUT),
                token, debug);
    }

    /** Retrying the dial while a freshly (re)published onion becomes reachable, for a one-off link. */
    static Uuid authenticatePatiently(AnnexRepository repository, TorAnnexAddress address, AuthToken token,
            InetSocketAddress socks, boolean debug) throws IOException {
        return authenticate(repository, ClientSession.dialOnion(new OnionDialer(socks), address, debug || Main.debug),
                token, debug);
    }

    private static Uuid authenticate(AnnexRepository repository, Connection connection, AuthToken token, boolean debug)
            throws IOException {
        try (Connection c = connection;
                RepositoryLocal local = new RepositoryLocal(repository)) {
            StreamNet net = StreamNet.over(c, AuthCheck.REFUSE_ALL, Relays.NONE, Debug.transcript(debug || Main.debug));
            Outcome<Either<String, Uuid>> o = new Full(net, local).run(Client.auth(repository.uuid(), token));
            if (o instanceof Outcome.Completed<Either<String, Uuid>> done && done.value().isRight()) {
                return done.value().get();
            }
            String why = o instanceof Outcome.Completed<Either<String, Uuid>> done ? done.value().getLeft()
                    : o instanceof Outcome.Failed<?> f ? f.reason() : "the peer closed the connection";
            throw new IOException("Unable to authenticate with peer: " + why);
        }
    }

    /** Adds the remote (named {@code name}, or the first free peerN) and stores the token; returns the name. */
    static String addRemote(AnnexRepository repository, TorAnnexAddress address, Uuid theirs, AuthToken token,
            String name) throws IOException {
        String remote = name != null ? name : freeRemoteName(repository);
        Git.run(repository.top(), "remote", "add", remote, address.format());
        Git.run(repository.top(), "config", "remote." + remote + ".annex-uuid", theirs.value());
        repository.creds().storePeerToken(address.onion().hostname(), token);
        return remote;
    }

    private static String freeRemoteName(AnnexRepository repository) throws IOException {
        List<String> remotes = Git.run(repository.top(), "remote").lines().toList();
        for (int i = 1; ; i++) {
            if (!remotes.contains("peer" + i)) {
                return "peer" + i;
            }
        }
    }
}
