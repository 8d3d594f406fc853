package org.annexp2p.session.remote;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.annexp2p.protocol.wire.ExitCode;
import org.annexp2p.protocol.wire.Service;
import org.annexp2p.repository.Repository;
import org.annexp2p.repository.creds.CredsDir;
import org.annexp2p.session.PeerFailure;
import org.annexp2p.session.plugin.BadUsageException;

/**
 * What every git remote helper of ours does around the one step that differs (how its address reaches the peer):
 * git's stdin/stdout kept for git alone, the address read before git is answered, git's `connect` awaited, the
 * peer's git service's exit code returned, and a failure said in one line under the helper's name (in the front end's
 * {@code words}).
 */
public final class GitRemoteHelper {
    /** Reaches the peer an address names, for one git service. */
    @FunctionalInterface
    public interface Peer {
        ExitCode connect(Repository repository, Service service, InputStream gitIn, OutputStream gitOut, boolean debug)
                throws IOException;
    }

    /** Reads the helper's arguments (git's remote name and URL) into the peer they name. */
    @FunctionalInterface
    public interface Addressing {
        Peer peer(List<String> args) throws IOException;
    }

    private GitRemoteHelper() {}

    public static int run(String name, List<String> args, Addressing addressing, Function<Throwable, String> words) {
        PrintStream err = System.err;
        // Our stdout belongs to git: nothing else may print there.
        OutputStream gitOut = new FileOutputStream(FileDescriptor.out);
        System.setOut(err);
        InputStream gitIn = new FileInputStream(FileDescriptor.in);
        try {
            Peer peer = addressing.peer(args);
            Optional<Service> service = TorAnnexRemote.awaitConnect(gitIn, gitOut);
            if (service.isEmpty()) {
                return 0;
            }
            try {
                return peer.connect(TorAnnexRemote.repository(Optional.ofNullable(System.getenv("GIT_DIR"))),
                        service.get(), gitIn, gitOut, args.contains("--debug")).value();
            } catch (PeerFailure f) {
                throw new IOException(switch (f.kind()) {
                    case REFUSED -> "authentication failed, perhaps you need to set " + CredsDir.TOKEN_ENVIRONMENT_VARIABLE;
                    case CLOSED -> "the peer closed the connection";
                    default -> f.detail();
                }, f);
            }
        } catch (BadUsageException | IOException e) {
            err.println(name + ": " + words.apply(e));
            return 1;
        }
    }
}
