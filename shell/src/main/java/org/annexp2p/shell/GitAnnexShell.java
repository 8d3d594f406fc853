package org.annexp2p.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.annexp2p.interpreters.Full;
import org.annexp2p.interpreters.Outcome;
import org.annexp2p.interpreters.local.RepositoryLocal;
import org.annexp2p.interpreters.net.AuthCheck;
import org.annexp2p.interpreters.net.Relays;
import org.annexp2p.interpreters.net.StreamNet;
import org.annexp2p.interpreters.net.Transcript;
import org.annexp2p.protocol.conversation.Server;
import org.annexp2p.protocol.conversation.ServerMode;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.repository.Caller;
import org.annexp2p.transports.stdio.StdioConnection;

/**
 * The git-annex-shell commands git-annex uses with an ssh remote, so that {@code remote.NAME.annex-shell} can
 * name annex-p2p: {@code p2pstdio} (serve the P2P protocol on stdin/stdout; ssh has authenticated the peer)
 * and {@code configlist} (tell the repository's UUID). Same arguments, output, errors and exit codes. They are
 * reached only through {@link RestrictedShell}, which has checked the directory and the environment first.
 */
final class GitAnnexShell {
    private GitAnnexShell() {}

    static boolean handles(String command) {
        return command.equals("p2pstdio") || command.equals("configlist");
    }

    /**
     * {@code stdio}: where p2pstdio speaks (this process's fds 0 and 1, or a resident server's session);
     * {@code caller}: the environment the repository's git runs in and where its warnings go (this process's, or
     * the session's).
     */
    static Map<String, RestrictedShell.Builtin> builtins(ShellEnvironment env, RestrictedShell.Io io,
            Supplier<StdioConnection> stdio, Caller caller) {
        return Map.of("p2pstdio", (repository, spelt, args) -> p2pstdio(repository, args, modeFrom(env), io, stdio, caller),
                "configlist", (repository, spelt, args) -> configlist(repository, spelt, args, io, caller));
    }

    private static int configlist(Path repository, String spelt, ShellArgs args, RestrictedShell.Io io, Caller caller)
            throws IOException {
        if (!Files.isDirectory(repository)) {
            throw new IOException("no such directory: " + spelt);
        }
        String uuid = "";
        try {
            uuid = AnnexRepository.open(repository, caller).uuid().value();
        } catch (IOException e) {
            // Like git-annex-shell: a directory that is no git-annex repository has an empty UUID.
            io.err().println(RestrictedShell.NAME + ": " + io.words().apply(e));
        }
        checkExpectedUuid(args, uuid);
        if (!args.params().isEmpty()) {
            throw new IOException("This command takes no parameters.");
        }
        io.out().print("annex.uuid=" + uuid + "\ncore.gcrypt-id=\n");
        io.out().flush();
        return 0;
    }

    private static int p2pstdio(Path repository, ShellArgs args, ServerMode mode, RestrictedShell.Io io,
            Supplier<StdioConnection> stdio, Caller caller) throws IOException {
        if (args.params().size() != 1) {
            throw new IOException("missing UUID parameter");
        }
        AnnexRepository repo = AnnexRepository.open(repository, caller);
        checkExpectedUuid(args, repo.uuid().value());
        // The protocol owns stdout; git-annex-shell no longer relays CONNECT here (a security fix), nor do we.
        StreamNet net = StreamNet.over(stdio.get(), AuthCheck.REFUSE_ALL, Relays.NONE,
                args.debug() || io.debug() ? io.transcript() : Transcript.NONE, UnaryOperator.identity(), caller.warnings());
        Outcome<?> outcome;
        try (RepositoryLocal local = new RepositoryLocal(repo)) {
            outcome = new Full(net, local).run(Server.serveStdio(mode, repo.uuid()));
        }
        if (outcome instanceof Outcome.Failed<?> f) {
            throw new IOException(f.reason());
        }
        return 0;
    }

    private static void checkExpectedUuid(ShellArgs args, String found) throws IOException {
        if (args.uuid().isDefined() && !args.uuid().get().equals(found)) {
            throw new IOException("expected repository UUID " + args.uuid().get() + " but found "
                    + (found.isEmpty() ? "uninitialized repository" : "UUID " + found));
        }
    }

    /** git-annex-shell's environment switches: set and non-empty means on; read-only wins. */
    static ServerMode modeFrom(ShellEnvironment env) {
        if (env.isSet(ShellEnvironment.READONLY)) {
            return ServerMode.READ_ONLY;
        }
        if (env.isSet(ShellEnvironment.APPENDONLY)) {
            return ServerMode.APPEND_ONLY;
        }
        return ServerMode.READ_WRITE;
    }
}
