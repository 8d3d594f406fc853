package org.annexp2p.cli;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import org.annexp2p.protocol.wire.Service;
import org.annexp2p.repository.creds.CredsDir;
import org.annexp2p.session.PeerFailure;
import org.annexp2p.session.plugin.BadUsageException;
import org.annexp2p.session.remote.NetworkRemote;
import org.annexp2p.session.remote.TorAnnexRemote;

/**
 * {@code git-remote-p2p-annex}: the git remote helper for {@code p2p-annex::NETNAME:ADDRESS} URLs, so
 * {@code git clone/fetch/push p2p-annex::...} reach a peer through the network's helper. Like
 * {@link RemoteHelper}: the exit code is the peer's git service's.
 */
final class NetworkRemoteHelper {
    static final String NAME = "git-remote-p2p-annex";

    private NetworkRemoteHelper() {}

    static int run(List<String> args) {
        PrintStream err = System.err;
        // Our stdout belongs to git: nothing else may print there.
        OutputStream gitOut = new FileOutputStream(FileDescriptor.out);
        System.setOut(err);
        InputStream gitIn = new FileInputStream(FileDescriptor.in);
        try {
            String address = NetworkRemote.address(args);
            Optional<Service> service = TorAnnexRemote.awaitConnect(gitIn, gitOut);
            if (service.isEmpty()) {
                return 0;
            }
            try {
                return NetworkRemote.connect(TorAnnexRemote.repository(Optional.ofNullable(System.getenv("GIT_DIR"))),
                        address, service.get(), gitIn, gitOut, Debug.transcript(args.contains("--debug"))).value();
            } catch (PeerFailure f) {
                throw new IOException(switch (f.kind()) {
                    case REFUSED -> "authentication failed, perhaps you need to set " + CredsDir.TOKEN_ENVIRONMENT_VARIABLE;
                    case CLOSED -> "the peer closed the connection";
                    default -> f.detail();
                }, f);
            }
        } catch (BadUsageException | IOException e) {
            err.println(NAME + ": " + Main.oneLine(e));
            return 1;
        }
    }
}
