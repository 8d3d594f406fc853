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
import org.annexp2p.interpreters.Full;
import org.annexp2p.interpreters.Outcome;
import org.annexp2p.interpreters.local.RepositoryLocal;
import org.annexp2p.interpreters.net.AuthCheck;
import org.annexp2p.interpreters.net.GitRelays;
import org.annexp2p.interpreters.net.StreamNet;
import org.annexp2p.protocol.conversation.Client;
import org.annexp2p.protocol.program.Program;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.protocol.wire.ExitCode;
import org.annexp2p.protocol.wire.Service;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.repository.LooseFiles;
import org.annexp2p.repository.Repository;
import org.annexp2p.repository.creds.CredsDir;
import org.annexp2p.tor.onion.TorAnnexAddress;
import org.annexp2p.tor.socks.OnionDialer;
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
            TorAnnexAddress address = ClientSession.parseOnion("tor-annex::" + rest);
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
                    return connect(address, service, gitIn, gitOut).value();
                } else {
                    throw new IOException("gitremote-helpers protocol error at " + line);
                }
            }
        } catch (Main.UsageException | IOException e) {
            err.println("git-remote-tor-annex: " + Main.oneLine(e));
            return 1;
        }
    }

    private static ExitCode connect(TorAnnexAddress address, Service service, InputStream gitIn, OutputStream gitOut)
            throws IOException {
        Repository repository = repository();
        AuthToken token = token(repository, address);
        try (Connection c = ClientSession.dialOnion(new OnionDialer(TorSocks.resolve(null)), address, Main.debug);
                RepositoryLocal local = new RepositoryLocal(repository)) {
            StreamNet net = StreamNet.over(c, AuthCheck.REFUSE_ALL, new GitRelays(null, gitIn, gitOut),
                    Debug.transcript(Main.debug));
            // No VERSION on this path, as with git-annex's helper.
            Program<io.vavr.control.Either<String, ExitCode>> p = Client.auth(repository.uuid(), token)
                    .flatMap(a -> a.isLeft() ? Program.pure(io.vavr.control.Either.<String, ExitCode>left(a.getLeft()))
                            : Client.connect(service).map(io.vavr.control.Either::<String, ExitCode>right));
            Outcome<io.vavr.control.Either<String, ExitCode>> o = new Full(net, local).run(p);
            if (o instanceof Outcome.Completed<io.vavr.control.Either<String, ExitCode>> done) {
                if (done.value().isLeft()) {
                    throw new IOException("authentication failed, perhaps you need to set " + CredsDir.TOKEN_ENVIRONMENT_VARIABLE);
                }
                return done.value().get();
            }
            throw new IOException(o instanceof Outcome.Failed<?> f ? f.reason() : "the peer closed the connection");
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

    private static AuthToken token(Repository repository, TorAnnexAddress address) throws IOException {
        String env = System.getenv(CredsDir.TOKEN_ENVIRONMENT_VARIABLE);
        if (env != null) {
            return AuthToken.parse(env.trim()).getOrElseThrow(() -> new IOException(
                    CredsDir.TOKEN_ENVIRONMENT_VARIABLE + " holds something that is not a token"));
        }
        if (repository instanceof AnnexRepository r) {
            return r.creds().peerToken(address.onion().hostname()).getOrElse(AuthToken.EMPTY);
        }
        return AuthToken.EMPTY;
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
