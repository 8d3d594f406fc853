package org.annexp2p.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.time.Clock;
import org.annexp2p.http.server.AuthPolicy;
import org.annexp2p.http.server.DirectoryRepositories;
import org.annexp2p.http.server.HttpsIdentity;
import org.annexp2p.http.server.P2pHttpServer;
import org.annexp2p.http.server.ServedRepositories;
import org.annexp2p.http.server.Users;
import org.annexp2p.protocol.conversation.ServerMode;
import org.annexp2p.repository.AnnexRepository;
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

    @Option(names = "--socket", paramLabel = "PATH", description = "Listen on a unix socket instead (not supported yet).")
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
        if (socket != null) {
            throw new Main.UsageException("--socket is not supported yet; use --bind 127.0.0.1 behind a proxy");
        }
        if ((certFile == null) != (privateKeyFile == null)) {
            throw new Main.UsageException("You must use both --certfile and --privatekeyfile options to enable HTTPS.");
        }
        io.vavr.control.Option<HttpsIdentity> tls = certFile == null ? io.vavr.control.Option.none()
                : io.vavr.control.Option.some(new HttpsIdentity(certFile, privateKeyFile, io.vavr.control.Option.of(chainFile)));
        io.vavr.control.Option<ServerMode> unauthenticated = io.vavr.control.Option.of(wideOpen ? ServerMode.READ_WRITE
                : unauthAppendOnly ? ServerMode.APPEND_ONLY : unauthReadOnly ? ServerMode.READ_ONLY : null);
        Users users = authEnv || authEnvHttp ? Users.fromEnvironment(System.getenv()) : Users.none();
        notes(tls.isDefined(), unauthenticated.isDefined(), users);
        AuthPolicy policy = new AuthPolicy(unauthenticated, !unauthNoLocking, authEnv, authEnvHttp, users);
        String listen = listenAddress(bind, tls.isDefined());
        if (!tls.isDefined() && !isLoopback(listen)) {
            System.err.println("annex-p2p: warning: serving plain HTTP on " + listen + ": what it serves (and any password) "
                    + "crosses the network unencrypted; use --certfile/--privatekeyfile or a TLS proxy");
        }
        P2pHttpServer.Settings settings = new P2pHttpServer.Settings(listen, port, tls, policy,
                256, lockedFiles, P2pHttpServer.Settings.DEFAULT_IDLE);
        StopRequest stop = new StopRequest();
        ServedRepositories served;
        String what;
        if (directories.isEmpty()) {
            AnnexRepository repository = AnnexRepository.open(repo);
            served = ServedRepositories.single(repository);
            what = repository.top() + " (" + repository.uuid() + ")";
        } else {
            DirectoryRepositories below = new DirectoryRepositories(io.vavr.collection.List.ofAll(directories), Clock.systemUTC());
            served = below;
            what = "the repositories below " + String.join(", ", directories.stream().map(Path::toString).toList())
                    + " (" + below.scan().size() + " now)";
        }
        try (P2pHttpServer server = P2pHttpServer.start(settings, served)) {
            stop.takeSignals();
            String scheme = tls.isDefined() ? "https" : "http";
            System.err.println("serving " + what + " on " + scheme + "://"
                    + hostText(server) + ":" + server.address().getPort() + "/git-annex/ (annex+" + scheme + ")");
            stop.await();
        } finally {
            stop.stopped("serving over " + (tls.isDefined() ? "HTTPS" : "HTTP"));
        }
        return 0;
    }

    private void notes(boolean https, boolean anonymous, Users users) {
        if ((authEnv || authEnvHttp) && users.isEmpty()) {
            System.err.println("annex-p2p: note: no GIT_ANNEX_P2PHTTP_PASSWORD_<user> in the environment: nobody can log in");
        }
        if (authEnv && !authEnvHttp && !https) {
            System.err.println("annex-p2p: note: --authenv checks passwords over HTTPS only, and this server is plain HTTP "
                    + "(--certfile/--privatekeyfile, or --authenv-http)");
        }
        if (!anonymous && !authEnv && !authEnvHttp) {
            System.err.println("annex-p2p: note: every request will be refused: choose --wideopen, --unauth-readonly, "
                    + "--unauth-appendonly or --authenv");
        }
    }

    /** Where to listen: what --bind says, else everywhere with HTTPS and loopback alone with plain HTTP. */
    static String listenAddress(String bind, boolean https) {
        return bind != null ? bind : https ? P2pHttpServer.ALL : "127.0.0.1";
    }

    static boolean isLoopback(String address) {
        try {
            return !address.equals(P2pHttpServer.ALL) && java.net.InetAddress.getByName(address).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static String hostText(P2pHttpServer server) {
        String host = server.address().getAddress().getHostAddress();
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
