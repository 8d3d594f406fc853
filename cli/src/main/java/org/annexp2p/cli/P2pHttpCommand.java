package org.annexp2p.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.annexp2p.http.server.P2pHttpServer;
import org.annexp2p.http.server.RepositoryChoice;
import org.annexp2p.http.server.ServerSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "p2phttp", mixinStandardHelpOptions = true,
        description = {"Serve a git-annex repository to git-annex over HTTP, as `git annex p2phttp` does (same options, "
                + "same defaults).",
            "",
            "git-annex (10.20240731 or later) reaches it through remote.NAME.annexUrl = annex+http://HOST:PORT/git-annex/. "
                + "Every request runs the same protocol server as `serve` and `p2pstdio`; a request whose credentials "
                + "do not allow it never reaches the repository.",
            "",
            "Who may do what: with no option every request is refused. --wideopen lets anyone read, write and remove. "
                + "--unauth-readonly / --unauth-appendonly let anyone read (and add), and lock content unless "
                + "--unauth-nolocking. --authenv takes users from GIT_ANNEX_P2PHTTP_PASSWORD_<user> (full access, or "
                + "GIT_ANNEX_P2PHTTP_PERMISSIONS_<user>=readonly|appendonly) and checks their passwords over HTTPS only; "
                + "--authenv-http checks them over plain HTTP too.",
            "",
            "Ctrl-C or SIGTERM stops it."},
        footerHeading = "%nExamples:%n",
        footer = {"  annex-p2p p2phttp --repo ~/annex --unauth-readonly",
            "  # users from GIT_ANNEX_P2PHTTP_PASSWORD_<user>, over HTTPS:",
            "  annex-p2p p2phttp --authenv --certfile c.pem --privatekeyfile k.pem",
            "  # on the client:",
            "  git config remote.NAME.annexUrl annex+http://HOST:9417/git-annex/"})
final class P2pHttpCommand implements Callable<Integer> {
    @Option(names = "--repo", paramLabel = "DIR", defaultValue = ".", description = "The repository (default: .).")
    Path repo;

    @Option(names = "--port", paramLabel = "N", defaultValue = "" + P2pHttpServer.Settings.DEFAULT_PORT,
            description = "TCP port (default: ${DEFAULT-VALUE}; 0: any free port, printed).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDR", description = "Address to listen on (default: all, IPv4 and IPv6, "
            + "with HTTPS; 127.0.0.1 with plain HTTP, where git annex p2phttp would listen on all: nothing plaintext on "
            + "a network unless you say so).")
    String bind;

    @Option(names = "--socket", paramLabel = "PATH", description = "Listen on a unix socket at PATH instead of "
            + "--bind/--port (for a reverse proxy): only its owner may connect (0600); a stale one is replaced, and it is "
            + "removed on exit.")
    Path socket;

    @Option(names = "--directory", paramLabel = "DIR",
            description = "Serve every git-annex repository found below DIR instead, as they appear and disappear "
                + "(repeatable; symbolic links are not followed).")
    List<Path> directories = List.of();

    @Option(names = "--certfile", paramLabel = "FILE", description = "HTTPS: the server's certificate (PEM).")
    Path certFile;

    @Option(names = "--privatekeyfile", paramLabel = "FILE", description = "HTTPS: the certificate's private key (PEM, PKCS#8).")
    Path privateKeyFile;

    @Option(names = "--chainfile", paramLabel = "FILE", description = "HTTPS: intermediate certificates to send (PEM).")
    Path chainFile;

    @Option(names = "--authenv", description = "Users and passwords from the environment, checked over HTTPS only.")
    boolean authEnv;

    @Option(names = "--authenv-http", description = "As --authenv, and over plain HTTP too (passwords then cross unencrypted).")
    boolean authEnvHttp;

    @Option(names = "--unauth-readonly", description = "Anyone may read (and lock) without logging in.")
    boolean unauthReadOnly;

    @Option(names = "--unauth-appendonly", description = "Anyone may read and add content, not remove it.")
    boolean unauthAppendOnly;

    @Option(names = "--unauth-nolocking", description = "Unauthenticated users may not lock content.")
    boolean unauthNoLocking;

    @Option(names = "--wideopen", description = "Anyone may do anything, without logging in.")
    boolean wideOpen;

    @Option(names = {"-J", "--jobs"}, paramLabel = "N", description = "Accepted for compatibility; requests are served concurrently anyway.")
    String jobs;

    @Option(names = "--proxyconnections", paramLabel = "N", description = "Accepted for compatibility (no proxying here).")
    Integer proxyConnections;

    @Option(names = "--clusterjobs", paramLabel = "N", description = "Accepted for compatibility (no clusters here).")
    Integer clusterJobs;

    @Option(names = "--lockedfiles", paramLabel = "N", defaultValue = "100",
            description = "How many content locks may be held at once (default: ${DEFAULT-VALUE}).")
    int lockedFiles;

    @Override
    public Integer call() throws Exception {
        ServerSettings.Plan plan;
        try {
            plan = new ServerSettings(given(bind), port, given(socket), new ServerSettings.HttpsIdentityFiles(
                    given(certFile), given(privateKeyFile), given(chainFile)), new ServerSettings.Access(authEnv,
                    authEnvHttp, unauthReadOnly, unauthAppendOnly, unauthNoLocking, wideOpen), lockedFiles).plan(System.getenv());
        } catch (IllegalArgumentException e) {
            throw new Main.UsageException(e.getMessage());
        }
        plan.notices().forEach(notice -> System.err.println("annex-p2p: " + notice));
        StopRequest stop = new StopRequest();
        RepositoryChoice choice = RepositoryChoice.open(repo, directories);
        try (P2pHttpServer server = P2pHttpServer.start(plan.server(), choice.served());
                AutoCloseable recorded = choice.record(plan, server)) {
            stop.takeSignals();
            System.err.println("serving " + choice.description() + " on " + plan.location(server.listening()));
            stop.await();
        } finally {
            stop.stopped("serving over " + plan.scheme().toUpperCase(java.util.Locale.ROOT));
        }
        return 0;
    }

    private static <T> io.vavr.control.Option<T> given(T value) {
        return io.vavr.control.Option.of(value);
    }
}
