package org.annexp2p.cli;

import java.util.List;
import org.annexp2p.session.remote.GitRemoteHelper;
import org.annexp2p.session.remote.NetworkRemote;

/**
 * {@code git-remote-p2p-annex}: the git remote helper for {@code p2p-annex::NETNAME:ADDRESS} URLs, so
 * {@code git clone/fetch/push p2p-annex::...} reach a peer through the network's helper. Like
 * {@link RemoteHelper}: the exit code is the peer's git service's.
 */
final class NetworkRemoteHelper {
    static final String NAME = "git-remote-p2p-annex";

    private NetworkRemoteHelper() {}

    static int run(List<String> args) {
        return GitRemoteHelper.run(NAME, args, a -> {
            String address = NetworkRemote.address(a);
            return (repository, service, gitIn, gitOut, debug) -> NetworkRemote.connect(repository, address, service,
                    gitIn, gitOut, Debug.transcript(debug));
        }, Main::oneLine);
    }
}
