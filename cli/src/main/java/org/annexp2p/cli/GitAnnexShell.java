package org.annexp2p.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.annexp2p.interpreters.Full;
import org.annexp2p.interpreters.Outcome;
import org.annexp2p.interpreters.net.AuthCheck;
import org.annexp2p.interpreters.net.Relays;
import org.annexp2p.interpreters.net.StreamNet;
import org.annexp2p.protocol.conversation.Server;
import org.annexp2p.protocol.conversation.ServerMode;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.repository.RepositoryLocal;
import org.annexp2p.transports.stdio.StdioConnection;

/**
 * The git-annex-shell commands git-annex uses with an ssh remote, so that {@code remote.NAME.annex-shell} can
 * name annex-p2p: {@code p2pstdio} (serve the P2P protocol on stdin/stdout; ssh has authenticated the peer)
 * and {@code configlist} (tell the repository's UUID). Same arguments, output, errors and exit codes.
 */
final class GitAnnexShell {
    private GitAnnexShell() {}

    static boolean handles(String command) {
        return command.equals("p2pstdio") || command.equals("configlist");
    }

    static int run(List<String> argv) {
        PrintStream err = System.err;
        try {
            ShellArgs args = ShellArgs.parse(argv);
            return args.command().equals("configlist") ? configlist(args) : p2pstdio(args);
        } catch (Main.UsageException e) {
            err.println("annex-p2p: " + e.getMessage());
            return 2;
        } catch (IOException | RuntimeException e) {
            err.println("annex-p2p: " + Main.oneLine(e));
            if (Main.debug) {
                e.printStackTrace(err);
            }
            return 1;
        }
    }

    private static int configlist(ShellArgs args) throws IOException {
        String uuid = "";
        if (!Files.isDirectory(Path.of(args.directory()))) {
            throw new IOException("no such directory: " + args.directory());
        }
        try {
            uuid = AnnexRepository.open(Path.of(args.directory())).uuid().value();
        } catch (IOException e) {
            // Like git-annex-shell: a directory that is no git-annex repository has an empty UUID.
            System.err.println("annex-p2p: " + Main.oneLine(e));
        }
        System.out.print("annex.uuid=" + uuid + "\ncore.gcrypt-id=\n");
        System.out.flush();
        return 0;
    }

    private static int p2pstdio(ShellArgs args) throws IOException {
        if (args.params().isEmpty()) {
            throw new IOException("missing UUID parameter");
        }
        AnnexRepository repo = AnnexRepository.open(Path.of(args.directory()));
        if (args.uuid().isDefined() && !args.uuid().get().equals(repo.uuid().value())) {
            throw new IOException("expected repository UUID " + args.uuid().get() + " but found UUID " + repo.uuid());
        }
        // The protocol owns stdout; git-annex-shell no longer relays CONNECT here (a security fix), nor do we.
        StreamNet net = StreamNet.over(StdioConnection.ofThisProcess(), AuthCheck.REFUSE_ALL, Relays.NONE,
                Debug.transcript(args.debug() || Main.debug));
        Outcome<?> outcome;
        try (RepositoryLocal local = new RepositoryLocal(repo)) {
            outcome = new Full(net, local).run(Server.serveStdio(modeFromEnvironment(), repo.uuid()));
        }
        if (outcome instanceof Outcome.Failed<?> f) {
            throw new IOException(f.reason());
        }
        return 0;
    }

    /** git-annex-shell's environment switches: set and non-empty means on. */
    static ServerMode modeFromEnvironment() {
        if (isSet("GIT_ANNEX_SHELL_READONLY")) {
            return ServerMode.READ_ONLY;
        }
        if (isSet("GIT_ANNEX_SHELL_APPENDONLY")) {
            return ServerMode.APPEND_ONLY;
        }
        return ServerMode.READ_WRITE;
    }

    private static boolean isSet(String variable) {
        String v = System.getenv(variable);
        return v != null && !v.isEmpty();
    }
}
