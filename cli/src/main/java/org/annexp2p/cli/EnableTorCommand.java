package org.annexp2p.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.Optional;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.session.tor.OnionMaking;
import org.annexp2p.session.tor.OnionPublishing;
import org.annexp2p.session.tor.OnionRevocation;
import org.annexp2p.session.tor.PublishEvent;
import org.annexp2p.tor.TorOptions;
import org.annexp2p.tor.onion.RepositoryOnion;
import org.annexp2p.tor.onion.SystemTorConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "enable-tor", resourceBundle = "org.annexp2p.cli.help.EnableTorCommand", mixinStandardHelpOptions = true)
final class EnableTorCommand implements Callable<Integer> {
    @Option(names = "--repo", paramLabel = "DIR", defaultValue = ".")
    Path repo;

    @Mixin
    TorChoice tor;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300")
    long timeoutSeconds;

    @Option(names = "--torrc")
    boolean torrc;

    @Option(names = "--revoke")
    boolean revoke;

    @Option(names = "--check")
    boolean check;

    @Option(names = "--debug")
    boolean debug;

    @Override
    public Integer call() throws Exception {
        AnnexRepository repository = AnnexRepository.open(repo);
        RepositoryOnion onion = RepositoryOnion.of(repository.annexDir(), repository.creds());
        if (revoke) {
            Optional<String> revoked = OnionRevocation.revoke(repository.creds(), onion);
            System.err.println(revoked.map(a -> "revoked " + a + ": removed from .git/annex/creds/p2paddrs and its key "
                    + "deleted; a running `annex-p2p serve --tor` keeps it up until it stops")
                    .orElse("this repository has no onion address to revoke"));
            return 0;
        }
        if (torrc) {
            System.out.print(SystemTorConfig.forRepositoryAt(repository.top(), repository.uuid().value(), onion.port()).torrcLines());
            return 0;
        }
        if (!check) {
            // the options are read anyway, so that a wrong --tor word is an error whether or not tor runs now
            tor.options(onion);
            Optional<String> made = OnionMaking.make(repository, onion);
            if (made.isPresent()) {
                System.err.println("onion address " + made.get() + " recorded in .git/annex/creds/p2paddrs");
                System.err.println("the address is ready: `annex-p2p serve --tor` publishes it and checks that it is "
                        + "reachable through Tor (`annex-p2p enable-tor --check` checks it now)");
                System.out.println(made.get());
                return 0;
            }
            System.err.println("this repository's onion key has no recorded address yet; publishing it through tor "
                    + "to learn it");
        }
        // said before the options are read, so that a wrong --tor word still comes after it
        System.err.println("starting tor (" + TorOptions.policyWord(tor.policy) + ")...");
        OnionPublishing.Published published = OnionPublishing.publish(repository, onion, tor.options(onion),
                Duration.ofSeconds(timeoutSeconds), this::tell);
        System.err.println("Tor onion service is working: " + published.reachability());
        System.out.println(published.address());
        return 0;
    }

    /** enable-tor's lines, as they were before the steps became events; the page shows the same events. */
    private void tell(PublishEvent event) {
        if (event instanceof PublishEvent.StoppedLeftover s) {
            System.err.println("annex-p2p: note: stopped tor (pid " + s.pid()
                    + ") that an earlier annex-p2p left running for this repository");
        } else if (event instanceof PublishEvent.Recorded r) {
            System.err.println("onion address " + r.address() + " recorded in .git/annex/creds/p2paddrs");
            System.err.println("checking that it is reachable through Tor (at most " + timeoutSeconds + " s)...");
        } else if (event instanceof PublishEvent.TorSaid t && debug) {
            System.err.println("tor: " + t.line());
        }
    }
}
