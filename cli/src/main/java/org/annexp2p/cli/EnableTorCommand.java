package org.annexp2p.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.annexp2p.interpreters.Serving;
import org.annexp2p.interpreters.net.Relays;
import org.annexp2p.interpreters.net.Transcript;
import org.annexp2p.protocol.conversation.ServerMode;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.tor.OnionListener;
import org.annexp2p.tor.Reachability;
import org.annexp2p.tor.TorEventLine;
import org.annexp2p.tor.TorSession;
import org.annexp2p.tor.onion.RepositoryOnion;
import org.annexp2p.tor.onion.SystemTorConfig;
import org.annexp2p.transports.ConnectionServer;
import org.annexp2p.transports.ServerOptions;
import org.annexp2p.transports.tcp.TcpTransport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "enable-tor", mixinStandardHelpOptions = true,
        description = {"Give the repository a Tor onion address, without root and without editing torrc.",
            "",
            "Publishes an onion service through tor's control port (ADD_ONION) with a key kept in "
                + ".git/annex/creds/ (mode 0600), so the address never changes; records tor-annex::ONION:PORT in "
                + ".git/annex/creds/p2paddrs as git-annex does (so `annex-p2p p2p --gen-addresses` and git-annex's "
                + "own pairing see it); then measures that the onion is really reachable (tor bootstrapped, "
                + "descriptor uploaded, a connection to itself through SOCKS that is refused authentication) and "
                + "says how long that took. Serve it afterwards with `annex-p2p serve --tor`.",
            "",
            "With --torrc it only prints git-annex-compatible torrc lines, for people who run the system tor that way."})
final class EnableTorCommand implements Callable<Integer> {
    @Option(names = "--repo", paramLabel = "DIR", defaultValue = ".", description = "The repository (default: .).")
    Path repo;

    @Mixin
    TorChoice tor;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "Give up measuring reachability after this long (default: 300).")
    long timeoutSeconds;

    @Option(names = "--torrc", description = "Print torrc lines for the system tor (git-annex's layout) and exit.")
    boolean torrc;

    @Option(names = "--debug", description = "Show what tor reports while publishing: bootstrap steps, descriptor "
            + "uploads and failures, circuit failures, tor's warnings.")
    boolean debug;

    @Override
    public Integer call() throws Exception {
        AnnexRepository repository = AnnexRepository.open(repo);
        RepositoryOnion onion = RepositoryOnion.of(repository.annexDir(), repository.creds());
        if (torrc) {
            long uid = ((Number) java.nio.file.Files.getAttribute(repository.top(), "unix:uid")).longValue();
            System.out.print(new SystemTorConfig(uid, repository.uuid().value(), onion.port()).torrcLines());
            return 0;
        }
        int port = onion.port();
        System.err.println("starting tor (" + (tor.policy == null ? "auto" : tor.policy) + ")...");
        // While measuring, the onion leads to a server that refuses every token: it proves the circuit, nothing more.
        Serving refuseAll = new Serving(repository, ServerMode.READ_ONLY, List::of, Relays.NONE, Transcript.NONE);
        try (TorSession session = TorSession.open(tor.options(onion));
                TcpTransport tcp = new TcpTransport()) {
            if (debug) {
                session.addListener(e -> TorEventLine.of(e).ifPresent(line -> System.err.println("tor: " + line)));
            }
            session.stoppedLeftover().ifPresent(pid -> System.err.println("annex-p2p: note: stopped tor (pid " + pid
                    + ") that an earlier annex-p2p left running for this repository"));
            try (OnionListener listener = OnionListener.overLoopback(session, onion.keyFile(), port, tcp.listen("127.0.0.1:0"));
                    ConnectionServer probeServer = ConnectionServer.start(listener, refuseAll,
                            ServerOptions.of(4, "ERROR too many connections\n"))) {
                String address = listener.service().torAnnexAddress().format();
                repository.creds().addOwnAddress(address);
                onion.remember(listener.service().torAnnexAddress());
                System.err.println("onion address " + address + " recorded in .git/annex/creds/p2paddrs");
                System.err.println("checking that it is reachable through Tor (at most " + timeoutSeconds + " s)...");
                Reachability r = session.measure(listener.service(), Duration.ofSeconds(timeoutSeconds));
                System.err.println("Tor onion service is working: " + r);
                System.out.println(address);
            }
        }
        return 0;
    }
}
