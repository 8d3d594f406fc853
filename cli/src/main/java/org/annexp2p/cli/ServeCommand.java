package org.annexp2p.cli;

import org.annexp2p.protocol.wire.ShownText;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.annexp2p.pairing.discovery.DiscoveryGroups;
import org.annexp2p.protocol.conversation.ServerMode;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.session.StandardPlugins;
import org.annexp2p.session.lan.LanPlugin;
import org.annexp2p.session.network.NetworkServing;
import org.annexp2p.session.plugin.net.HelperSearch;
import org.annexp2p.session.plugin.net.NetworkAddress;
import org.annexp2p.session.plugin.tcp.ListenPlan;
import org.annexp2p.session.serve.ServeLimits;
import org.annexp2p.session.serve.ServeSetup;
import org.annexp2p.tor.OnionServing;
import org.annexp2p.tor.onion.RepositoryOnion;
import org.annexp2p.transports.ConnectionServer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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
                + "one line says it stopped.",
            "",
            "Every generic network enabled with `annex-p2p p2p --enable NETNAME` is served too, as git-annex's remotedaemon "
                + "serves it: on the unix socket .git/annex/p2p/MD5, with git-annex-p2p-NETNAME ADDRESS SOCKET kept running "
                + "(restarted when it exits) and only the tokens issued for that address accepted there."},
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

    @Mixin
    ServeLimitOptions limits;

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
        boolean listeners = listen != null || tor.requested() || lanListen != null;
        if (!listeners && networks().isEmpty()) {
            throw new Main.UsageException("say where to serve: --listen HOST:PORT, --lan-listen HOST:PORT, --tor, or several");
        }
        ServeLimits given = limits.limits();
        AnnexRepository repository = AnnexRepository.open(repo);
        List<NetworkAddress> networks = ServeSetup.enabledNetworks(repository);
        ServerMode serverMode = mode.readOnly ? ServerMode.READ_ONLY
                : mode.appendOnly ? ServerMode.APPEND_ONLY : ServerMode.READ_WRITE;
        ServeSetup setup = ServeSetup.of(repository, serverMode, given, Debug.transcript(debug));
        if (listeners && setup.acceptsNoToken()) {
            System.err.println("annex-p2p: note: no peer can authenticate yet; run `annex-p2p token --repo "
                    + repo + "` to make a token");
        }
        String what = setup.described();
        StopRequest stop = new StopRequest();
        try (setup) {
            if (tor.requested()) {
                serveOnion(setup, what);
            }
            StandardPlugins plugins = setup.plugins(discoveryPort);
            ConnectionServer server = listen == null ? null : setup.listen(plugins, plan(),
                    line -> System.err.println("annex-p2p: " + line));
            LanPlugin.LanListener lan = lanListen == null ? null : setup.listenLan(plugins, lanListen,
                    line -> System.err.println(ShownText.of("annex-p2p: " + line)));
            int served = 0;
            for (NetworkAddress network : networks) {
                served += serveNetwork(setup, network, what) ? 1 : 0;
            }
            if (!listeners && served == 0) {
                throw new java.io.IOException("no enabled network could be served");
            }
            stop.takeSignals();
            if (server != null) {
                ServeTls.banner(what, server.address()).forEach(System.err::println);
            }
            if (lan != null) {
                System.err.println("serving " + what + " on " + lan.described());
                if (lan.whereIsPeers() > 0) {
                    System.err.println("answering where-is queries from " + lan.whereIsPeers()
                            + " paired peer(s) on UDP port " + discoveryPort);
                }
            }
            stop.await();
        } finally {
            stop.stopped("serving " + String.join(", ", setup.places()));
        }
        return 0;
    }

    /** The generic networks enabled in the repository (`p2p --enable`); none where there is no repository yet. */
    private List<NetworkAddress> networks() {
        try {
            return ServeSetup.enabledNetworks(AnnexRepository.open(repo));
        } catch (java.io.IOException e) {
            return List.of();
        }
    }

    /** Serves one network, or says in one line why not and goes on, as git-annex's remotedaemon does. */
    private static boolean serveNetwork(ServeSetup setup, NetworkAddress network, String what) {
        try {
            NetworkServing served = setup.network(network, HelperSearch.fromEnvironment(), line -> System.err.println(ShownText.of("annex-p2p: " + line)));
            System.err.println("serving " + what + " on " + network + " (through " + network.helper() + ", listening on "
                    + served.socket() + ")");
            return true;
        } catch (java.io.IOException e) {
            System.err.println(ShownText.of("annex-p2p: unable to serve the " + network.netName() + " network: " + e.getMessage()));
            return false;
        }
    }

    /** Where --listen serves, as its plan decides; plaintext off loopback is said first. */
    private ListenPlan plan() throws java.io.IOException {
        ListenPlan plan = ListenPlan.choose(listen);
        if (plan.plaintextOffLoopback()) {
            System.err.println(PlaintextWarning.forServer(listen));
        }
        return plan;
    }

    /** The onion leads to a loopback listener that only tor knows about; tor's restarts are always told. */
    private void serveOnion(ServeSetup setup, String what) throws Exception {
        RepositoryOnion onion = setup.repositoryOnion();
        OnionServing served = setup.onion(tor.options(onion), onion, new OnionNotices(debug));
        served.session().stoppedLeftover().ifPresent(pid -> System.err.println("annex-p2p: note: stopped tor (pid " + pid
                + ") that an earlier annex-p2p left running for this repository"));
        System.err.println("serving " + what + " on " + served.address().format());
    }
}
