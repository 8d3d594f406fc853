package org.annexp2p.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.annexp2p.pairing.discovery.DiscoveryGroups;
import org.annexp2p.protocol.conversation.ServerMode;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.session.serve.ServeLimits;
import org.annexp2p.session.serve.ServePlan;
import org.annexp2p.session.serve.ServeSetup;
import org.annexp2p.session.serve.StopRequest;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", resourceBundle = "org.annexp2p.cli.help.ServeCommand", mixinStandardHelpOptions = true)
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--repo", paramLabel = "DIR", defaultValue = ".")
    Path repo;

    @Option(names = "--listen", paramLabel = "HOST:PORT")
    String listen;

    @Option(names = "--lan-listen", paramLabel = "HOST:PORT")
    String lanListen;

    @Option(names = "--discovery-port", paramLabel = "N", defaultValue = "" + DiscoveryGroups.PORT)
    int discoveryPort;

    /** --tor: also serve on the repository's onion address (set up by enable-tor), re-published if tor restarts. */
    @Mixin
    TorChoice tor;

    @Mixin
    ServeLimitOptions limits;

    static final class Mode {
        @Option(names = "--read-only")
        boolean readOnly;

        @Option(names = "--append-only")
        boolean appendOnly;
    }

    @ArgGroup(exclusive = true)
    Mode mode = new Mode();

    @Option(names = "--debug")
    boolean debug;

    @Override
    public Integer call() throws Exception {
        ServePlan plan = new ServePlan(Optional.ofNullable(listen), Optional.ofNullable(lanListen), discoveryPort,
                tor.requested() ? Optional.of(tor::options) : Optional.empty(), ServePlan.networksEnabledAt(repo));
        if (plan.servesNothing()) {
            throw new Main.UsageException("say where to serve: --listen HOST:PORT, --lan-listen HOST:PORT, --tor, or several");
        }
        ServeLimits given = limits.limits();
        AnnexRepository repository = AnnexRepository.open(repo);
        ServerMode serverMode = mode.readOnly ? ServerMode.READ_ONLY
                : mode.appendOnly ? ServerMode.APPEND_ONLY : ServerMode.READ_WRITE;
        ServeSetup setup = ServeSetup.of(repository, serverMode, given, Debug.transcript(debug));
        if (plan.listens() && setup.acceptsNoToken()) {
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
}
