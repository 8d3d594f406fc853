package org.annexp2p.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.annexp2p.interpreters.Serving;
import org.annexp2p.interpreters.net.GitRelays;
import org.annexp2p.pairing.discovery.DiscoveryGroups;
import org.annexp2p.protocol.conversation.ServerMode;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.session.StandardPlugins;
import org.annexp2p.session.lan.LanPlugin;
import org.annexp2p.session.plugin.Listening;
import org.annexp2p.session.plugin.tcp.ListenPlan;
import org.annexp2p.transports.ConnectionServer;
import org.annexp2p.transports.Listener;
import org.annexp2p.transports.PreAuthLimits;
import org.annexp2p.transports.ServerOptions;
import org.annexp2p.transports.tcp.TcpTransport;
import org.annexp2p.transports.tcp.TlsAddress;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import org.annexp2p.tor.OnionServing;
import org.annexp2p.tor.Reachability;
import org.annexp2p.tor.TorEventLine;
import org.annexp2p.tor.TorException;
import org.annexp2p.tor.control.TorEvent;
import org.annexp2p.tor.onion.RepositoryOnion;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve a git-annex repository to peers that authenticate with a token (AUTH).",
            "",
            "Peers must present one of the tokens in the repository's .git/annex/creds/p2pauth (re-read for every "
                + "connection; make one with `annex-p2p token`). Until a peer has authenticated, the server runs under "
                + "an interpreter that cannot touch the repository at all, and it must authenticate within "
                + "--auth-timeout.",
            "",
            "Authenticated peers may get, put, lock, remove, and fetch/push git through CONNECT, as with git-annex's "
                + "own Tor server; --read-only and --append-only restrict that. With --tor it (also) serves on the "
                + "repository's onion address from `annex-p2p enable-tor`.",
            "",
            "Ctrl-C or SIGTERM stops it: its ports are free at once, peers being served get the shutdown grace, and "
                + "one line says it stopped."},
        footerHeading = "%nExamples:%n",
        footer = {"  # a token to give to the peer:",
            "  annex-p2p token --repo ~/annex",
            "  # TLS off loopback (see --listen):",
            "  annex-p2p serve --repo ~/annex --listen 0.0.0.0:4242",
            "  annex-p2p enable-tor --repo ~/annex",
            "  annex-p2p serve --repo ~/annex --tor"})
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--repo", paramLabel = "DIR", defaultValue = ".", description = "The repository (default: .).")
    Path repo;

    @Option(names = "--listen", paramLabel = "HOST:PORT",
            description = "Where to listen, e.g. 0.0.0.0:4242, 127.0.0.1:4242, [::1]:4242 (port 0: any free port). "
                + "Off loopback: TLS with the repository's key, printing the tls://HOST:PORT/PIN address clients must "
                + "use; on loopback: plaintext tcp://. tls://HOST:PORT asks for TLS anywhere, tcp://HOST:PORT for "
                + "plaintext anywhere (tokens and data then cross the network unencrypted).")
    String listen;

    @Option(names = "--lan-listen", paramLabel = "HOST:PORT",
            description = "Also serve over TLS accepting only LAN-paired peers' keys (`pair --lan`), e.g. 0.0.0.0:4243.")
    String lanListen;

    @Option(names = "--discovery-port", paramLabel = "N", defaultValue = "" + DiscoveryGroups.PORT,
            description = "With --lan-listen: UDP port on which paired peers ask where this repository is now "
                + "(default: ${DEFAULT-VALUE}; loopback only when --lan-listen is a loopback address).")
    int discoveryPort;

    /** --tor: also serve on the repository's onion address (set up by enable-tor), re-published if tor restarts. */
    @Mixin
    TorChoice tor;

    @Option(names = "--max-connections", paramLabel = "N", defaultValue = "100",
            description = "Serve at most N authenticated peers at once; one more that authenticates is told so and"
                    + " disconnected (default: 100, as git-annex). Peers still authenticating never take one of these.")
    int maxConnections;

    @Option(names = "--max-unauthenticated", paramLabel = "N",
            description = "Let at most N peers at once be still authenticating; more are told so and disconnected"
                    + " (default: the same as --max-connections).")
    Integer maxUnauthenticated;

    @Option(names = "--max-unauthenticated-per-address", paramLabel = "N", defaultValue = "" + PreAuthLimits.DEFAULT_MAX_PER_ADDRESS,
            description = "Of those, at most N from one IPv4 address or IPv6 /64 (default: ${DEFAULT-VALUE}). Loopback"
                    + " peers are not limited per address: tor and ssh tunnels bring everyone from 127.0.0.1.")
    int maxUnauthenticatedPerAddress;

    @Option(names = "--auth-timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "Disconnect a peer that has not authenticated within SECONDS of connecting, however"
                    + " steadily it keeps sending (default: ${DEFAULT-VALUE}). Repeated wrong tokens from one address"
                    + " are answered ever more slowly.")
    long authTimeoutSeconds;

    static final class Mode {
        @Option(names = "--read-only", description = "Refuse PUT, REMOVE and git pushes.")
        boolean readOnly;

        @Option(names = "--append-only", description = "Refuse REMOVE and git pushes (a push could delete or rewrite any branch); PUT is allowed.")
        boolean appendOnly;
    }

    @ArgGroup(exclusive = true)
    Mode mode = new Mode();

    @Option(names = "--debug", description = "Show every protocol conversation on stderr (tokens hidden).")
    boolean debug;

    @Override
    public Integer call() throws Exception {
        boolean onion = tor.requested();
        if (listen == null && !onion && lanListen == null) {
            throw new Main.UsageException("say where to serve: --listen HOST:PORT, --lan-listen HOST:PORT, --tor, or several");
        }
        if (maxConnections < 1) {
            throw new Main.UsageException("--max-connections must be at least 1");
        }
        if (maxUnauthenticated != null && maxUnauthenticated < 1) {
            throw new Main.UsageException("--max-unauthenticated must be at least 1");
        }
        if (maxUnauthenticatedPerAddress < 1) {
            throw new Main.UsageException("--max-unauthenticated-per-address must be at least 1");
        }
        if (authTimeoutSeconds < 1 || authTimeoutSeconds > 86_400) {
            throw new Main.UsageException("--auth-timeout must be from 1 to 86400 seconds");
        }
        AnnexRepository repository = AnnexRepository.open(repo);
        ServerMode serverMode = mode.readOnly ? ServerMode.READ_ONLY
                : mode.appendOnly ? ServerMode.APPEND_ONLY : ServerMode.READ_WRITE;
        if (repository.creds().acceptedTokens().isEmpty()) {
            System.err.println("annex-p2p: note: no peer can authenticate yet; run `annex-p2p token --repo "
                    + repo + "` to make a token");
        }
        Serving serving = new Serving(repository, serverMode, () -> repository.creds().acceptedTokens(),
                new GitRelays(repository.top(), null, null), Debug.transcript(debug));
        List<String> places = new ArrayList<>();
        StopRequest stop = new StopRequest();
        ServerOptions limits = ServerOptions.of(maxConnections, "ERROR too many connections; try again later\n")
                .withPreAuth(PreAuthLimits.of(maxUnauthenticated == null ? maxConnections : maxUnauthenticated)
                        .withMaxPerAddress(maxUnauthenticatedPerAddress)
                        .withDeadline(java.time.Duration.ofSeconds(authTimeoutSeconds)));
        String what = repository.uuid() + " (" + serverMode.name().toLowerCase().replace('_', '-') + ")";
        // When the stop is requested the resources close in reverse order: each server stops accepting (its port is
        // free at once), lets its connections finish within its shutdown grace and closes the rest; tor goes last.
        try (java.io.Closeable onionServing = onion ? serveOnion(repository, serving, limits, what, places) : () -> { };
                StandardPlugins plugins = StandardPlugins.of(new StandardPlugins.Settings(null, discoveryPort));
                ConnectionServer server = listen == null ? null
                        : ConnectionServer.start(listener(plugins, repository), serving, limits);
                ConnectionServer lan = lanListen == null ? null : ConnectionServer.start(lanListener(plugins, repository), serving, limits)) {
            stop.takeSignals();
            if (server != null) {
                places.add(server.address().startsWith(TlsAddress.SCHEME) ? server.address() : "tcp://" + server.address());
                ServeTls.banner(what, server.address()).forEach(System.err::println);
            }
            if (lanListening != null) {
                places.add(lanListening.described());
                System.err.println("serving " + what + " on " + lanListening.described());
                if (lanListening.whereIsPeers() > 0) {
                    System.err.println("answering where-is queries from " + lanListening.whereIsPeers()
                            + " paired peer(s) on UDP port " + discoveryPort);
                }
            }
            stop.await();
        } finally {
            stop.stopped("serving " + String.join(", ", places));
        }
        return 0;
    }

    /** The --lan-listen listener, kept for its banner: the key clients pin and who may ask where we are. */
    private LanPlugin.LanListener lanListening;

    private Listener lanListener(StandardPlugins plugins, AnnexRepository repository) throws java.io.IOException {
        lanListening = plugins.lan().listen(LanPlugin.listenAddress(lanListen),
                new Listening(repository, line -> System.err.println(TerminalText.of("annex-p2p: " + line))));
        return lanListening;
    }

    /** Where --listen serves, as its plan decides; plaintext off loopback is said first. */
    private Listener listener(StandardPlugins plugins, AnnexRepository repository) throws java.io.IOException {
        ListenPlan plan = ListenPlan.choose(listen);
        if (plan.plaintextOffLoopback()) {
            System.err.println(PlaintextWarning.forServer(listen));
        }
        return plugins.listen(plan, new Listening(repository, line -> System.err.println("annex-p2p: " + line)));
    }

    private static final java.time.Duration ONION_PROBE_TIMEOUT = java.time.Duration.ofMinutes(5);

    /** The onion leads to a loopback listener that only tor knows about; tor's restarts are always told. */
    private java.io.Closeable serveOnion(AnnexRepository repository, Serving serving, ServerOptions limits, String what,
            List<String> places) throws Exception {
        RepositoryOnion onion = RepositoryOnion.of(repository.annexDir(), repository.creds());
        boolean verbose = debug;
        OnionServing served = OnionServing.start(tor.options(onion), onion, serving, limits, ONION_PROBE_TIMEOUT,
                new OnionServing.Watcher() {
                    @Override
                    public void event(TorEvent e) {
                        if (e instanceof TorEvent.Restarting || e instanceof TorEvent.Recovered || e instanceof TorEvent.GaveUp) {
                            TorEventLine.of(e).ifPresent(line -> System.err.println("annex-p2p: " + line));
                        } else if (verbose) {
                            TorEventLine.of(e).ifPresent(line -> System.err.println("tor: " + line));
                        }
                    }

                    @Override
                    public void reachable(Reachability r, boolean again) {
                        System.err.println("onion reachable through Tor" + (again ? " again: " : ": ") + r);
                    }

                    @Override
                    public void notConfirmed(TorException why, boolean again) {
                        System.err.println("annex-p2p: onion not confirmed reachable" + (again ? " again: " : ": ") + Main.oneLine(why));
                    }
                });
        served.session().stoppedLeftover().ifPresent(pid -> System.err.println("annex-p2p: note: stopped tor (pid " + pid
                + ") that an earlier annex-p2p left running for this repository"));
        places.add(served.address().format());
        System.err.println("serving " + what + " on " + served.address().format());
        return served;
    }
}
