package org.annexp2p.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.annexp2p.interpreters.Serving;
import org.annexp2p.interpreters.net.GitRelays;
import org.annexp2p.protocol.conversation.ServerMode;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.transports.ConnectionServer;
import org.annexp2p.transports.ServerOptions;
import org.annexp2p.transports.tcp.TcpTransport;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve a git-annex repository to peers that authenticate with a token (AUTH).",
            "",
            "Peers must present one of the tokens in the repository's .git/annex/creds/p2pauth (re-read for",
            "every connection; make one with `annex-p2p token`). Until a peer has authenticated, the",
            "server runs under an interpreter that cannot touch the repository at all. Authenticated peers",
            "may get, put, lock, remove, and fetch/push git through CONNECT, as with git-annex's own",
            "Tor server; --read-only and --append-only restrict that. Stops cleanly on Ctrl-C / SIGTERM."},
        footerHeading = "%nExamples:%n",
        footer = {"  annex-p2p token --repo ~/annex          # prints a token to give to the peer",
            "  annex-p2p serve --repo ~/annex --listen 0.0.0.0:4242"})
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--repo", paramLabel = "DIR", defaultValue = ".", description = "The repository (default: .).")
    Path repo;

    @Option(names = "--listen", paramLabel = "HOST:PORT", required = true,
            description = "Where to listen, e.g. 127.0.0.1:4242, [::1]:4242, 0.0.0.0:4242 (port 0: any free port).")
    String listen;

    @Option(names = "--max-connections", paramLabel = "N", defaultValue = "100",
            description = "Serve at most N peers at once; more are told so and closed (default: 100, as git-annex).")
    int maxConnections;

    static final class Mode {
        @Option(names = "--read-only", description = "Refuse PUT, REMOVE and git pushes.")
        boolean readOnly;

        @Option(names = "--append-only", description = "Refuse REMOVE.")
        boolean appendOnly;
    }

    @ArgGroup(exclusive = true)
    Mode mode = new Mode();

    @Option(names = "--debug", description = "Show every protocol conversation on stderr (tokens hidden).")
    boolean debug;

    @Override
    public Integer call() throws Exception {
        if (maxConnections < 1) {
            throw new Main.UsageException("--max-connections must be at least 1");
        }
        AnnexRepository repository = AnnexRepository.open(repo);
        ServerMode serverMode = mode.readOnly ? ServerMode.READ_ONLY
                : mode.appendOnly ? ServerMode.APPEND_ONLY : ServerMode.READ_WRITE;
        if (repository.creds().acceptedTokens().isEmpty()) {
            System.err.println("annex-p2p: note: no peer can authenticate yet; run `annex-p2p token --repo "
                    + repo + "` to make a token");
        }
        Serving serving = new Serving(repository, serverMode, () -> repository.creds().acceptedTokens(),
                new GitRelays(repository.top(), null, null), Debug.transcript(debug || Main.debug));
        CountDownLatch stopped = new CountDownLatch(1);
        try (TcpTransport tcp = new TcpTransport();
                ConnectionServer server = ConnectionServer.start(tcp.listen(listen), serving,
                        ServerOptions.of(maxConnections, "ERROR too many connections; try again later\n"))) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                stopped.countDown();
            }, "annex-p2p-shutdown"));
            System.err.println("serving " + repository.uuid() + " (" + serverMode.name().toLowerCase().replace('_', '-')
                    + ") on tcp://" + server.address());
            stopped.await();
        }
        return 0;
    }
}
