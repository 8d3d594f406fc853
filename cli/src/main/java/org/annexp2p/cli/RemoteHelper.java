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
        PrintStream err = System.err;
        // Our stdout belongs to git: nothing else may print there.
        OutputStream gitOut = new FileOutputStream(FileDescriptor.out);
        System.setOut(err);
        InputStream gitIn = new FileInputStream(FileDescriptor.in);
        try {
            TorAnnexAddress address = TorAnnexRemote.address(args);
            Optional<Service> service = TorAnnexRemote.awaitConnect(gitIn, gitOut);
            if (service.isEmpty()) {
                return 0;
            }
            boolean debug = args.contains("--debug");
            try {
                return TorAnnexRemote.connect(TorAnnexRemote.repository(Optional.ofNullable(System.getenv("GIT_DIR"))),
                        address, service.get(), gitIn, gitOut, ClientSession::tell, Debug.transcript(debug), debug)
                        .value();
            } catch (PeerFailure f) {
                throw new IOException(switch (f.kind()) {
                    case REFUSED -> "authentication failed, perhaps you need to set "
                            + CredsDir.TOKEN_ENVIRONMENT_VARIABLE;
                    case CLOSED -> "the peer closed the connection";
                    default -> f.detail();
                }, f);
            }
        } catch (BadUsageException | IOException e) {
            err.println("git-remote-tor-annex: " + Main.oneLine(e));
            return 1;
        }
    }
}
