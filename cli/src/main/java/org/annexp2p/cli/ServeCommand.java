package org.annexp2p.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.annexp2p.pairing.discovery.DiscoveryGroups;
import org.annexp2p.protocol.conversation.ServerMode;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.session.plugin.net.NetworkAddress;
import org.annexp2p.session.serve.ServeLimits;
import org.annexp2p.session.serve.ServePlan;
import org.annexp2p.session.serve.ServeSetup;
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
        ServePlan plan = new ServePlan(Optional.ofNullable(listen), Optional.ofNullable(lanListen), discoveryPort,
                tor.requested() ? Optional.of(tor::options) : Optional.empty(), ServeSetup.enabledNetworks(repository));
        ServerMode serverMode = mode.readOnly ? ServerMode.READ_ONLY
                : mode.appendOnly ? ServerMode.APPEND_ONLY : ServerMode.READ_WRITE;
        ServeSetup setup = ServeSetup.of(repository, serverMode, given, Debug.transcript(debug));
        if (listeners && setup.acceptsNoToken()) {
            System.err.println("annex-p2p: note: no peer can authenticate yet; run `annex-p2p token --repo "
                    + repo + "` to make a token");
        }
        StopRequest stop = new StopRequest();
        try (setup) {
            List<String> banner = plan.start(setup, new OnionNotices(debug), System.err::println);
            stop.takeSignals();
            banner.forEach(System.err::println);
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
}
