package org.annexp2p.cli;

import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import io.vavr.control.Either;
import java.util.Optional;
import org.annexp2p.session.PeerFailure;
import org.annexp2p.session.PeerSession;
import org.annexp2p.session.plugin.BadUsageException;
import org.annexp2p.session.plugin.Dialed;
import org.annexp2p.session.plugin.Dialing;
import org.annexp2p.session.plugin.GivenToken;
import org.annexp2p.session.plugin.Greeting;
import org.annexp2p.session.plugin.onion.OnionPlugin;
import org.annexp2p.session.plugin.onion.OnionRetry;
import org.annexp2p.interpreters.net.GitRelays;
import org.annexp2p.protocol.conversation.Client;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.protocol.wire.ExitCode;
import org.annexp2p.protocol.wire.Service;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.repository.LooseFiles;
import org.annexp2p.repository.Repository;
import org.annexp2p.repository.creds.CredsDir;
import org.annexp2p.tor.onion.TorAnnexAddress;
import org.annexp2p.transports.Connection;

/**
 * {@code git-remote-tor-annex}: the git remote helper for {@code tor-annex::ONION:PORT} URLs, speaking git's
 * remote-helper protocol as git-annex's does ({@code capabilities} → {@code connect}; {@code connect SERVICE} →
 * AUTH, CONNECT, relay until CONNECTDONE), so {@code git clone/fetch/push tor-annex::...} work against our onion
 * server and git-annex's. The exit code is the one the peer's git service exited with.
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
            if (args.size() < 2) {
                throw new IOException("remote address not configured");
            }
            String rest = args.get(1);
            rest = rest.substring(rest.lastIndexOf('/') + 1);
            if (!rest.contains(":")) {
                throw new IOException("onion address must include port number");
            }
            TorAnnexAddress address = new OnionPlugin(null).parse(OnionPlugin.SCHEME + rest).onion();
            while (true) {
                String line = readLine(gitIn);
                if (line == null || line.isEmpty()) {
                    return 0;
                }
                if (line.equals("capabilities")) {
                    gitOut.write("connect\n\n".getBytes(StandardCharsets.US_ASCII));
                    gitOut.flush();
                } else if (line.startsWith("connect ")) {
                    Service service = Service.parse(line.substring("connect ".length()))
                            .getOrElseThrow(() -> new IOException("gitremote-helpers protocol error at " + line));
                    gitOut.write('\n');
                    gitOut.flush();
                    return connect(address, service, gitIn, gitOut, args.contains("--debug")).value();
                } else {
                    throw new IOException("gitremote-helpers protocol error at " + line);
                }
            }
        } catch (BadUsageException | IOException e) {
            err.println("git-remote-tor-annex: " + Main.oneLine(e));
            return 1;
        }
    }

    private static ExitCode connect(TorAnnexAddress address, Service service, InputStream gitIn, OutputStream gitOut,
            boolean debug)
            throws IOException {
        Repository repository = repository();
        AuthToken token = GivenToken.of(null).forRemoteHelper(() -> OnionPlugin.stored(repository, address));
        Dialing dialing = new Dialing(repository, GivenToken.NONE, Optional.empty(), ClientSession::tell, debug);
        Connection c = new OnionPlugin(null).dial(address, dialing, OnionRetry.CONNECT_TIMEOUT);
        // No VERSION on this path, as with git-annex's helper; no deadline either, as before.
        PeerSession.Options options = PeerSession.Options.DEFAULT.withTranscript(Debug.transcript(debug))
                .authOnly(new GitRelays(null, gitIn, gitOut));
        try (PeerSession session = PeerSession.open(new Dialed(c, new Greeting.Token(token), Optional.empty(), true),
                repository, options)) {
            return session.run(Client.connect(service).map(Either::<String, ExitCode>right));
        } catch (PeerFailure f) {
            throw new IOException(switch (f.kind()) {
                case REFUSED -> "authentication failed, perhaps you need to set " + CredsDir.TOKEN_ENVIRONMENT_VARIABLE;
                case CLOSED -> "the peer closed the connection";
                default -> f.detail();
            }, f);
        }
    }

    private static Repository repository() {
        String gitDir = System.getenv("GIT_DIR");
        Path dir = Path.of(gitDir != null ? gitDir : ".");
        try {
            return AnnexRepository.open(dir);
        } catch (IOException e) {
            // A plain git repository (e.g. during `git clone`): no annex UUID to present.
            return new LooseFiles(new Uuid(""));
        }
    }

    /** One line, read byte by byte: what follows "connect" is git's own protocol and must not be read ahead. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            line.write(b);
        }
        return b < 0 && line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
    }
}
