package org.annexp2p.cli;

import java.util.List;
import org.annexp2p.session.remote.GitRemoteHelper;
import org.annexp2p.session.remote.TorAnnexRemote;
import org.annexp2p.tor.onion.TorAnnexAddress;

/**
 * {@code git-remote-tor-annex}: the git remote helper for {@code tor-annex::ONION:PORT} URLs, so
 * {@code git clone/fetch/push tor-annex::...} work against our onion server and git-annex's
 * ({@link TorAnnexRemote} speaks the protocol). The exit code is the one the peer's git service exited with.
 */
final class RemoteHelper {
    private RemoteHelper() {}

    static int run(List<String> args) {
        return GitRemoteHelper.run("git-remote-tor-annex", args, a -> {
            TorAnnexAddress address = TorAnnexRemote.address(a);
            return (repository, service, gitIn, gitOut, debug) -> TorAnnexRemote.connect(repository, address, service,
                    gitIn, gitOut, ClientSession::tell, Debug.transcript(debug), debug);
        }, Main::oneLine);
    }
}
