package org.annexp2p.cli;

import org.annexp2p.protocol.wire.ShownText;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.annexp2p.cli.wormhole.RelayOptions;
import org.annexp2p.pairing.discovery.DiscoveryGroups;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.session.StandardPlugins;
import org.annexp2p.session.link.PeerLink;
import org.annexp2p.session.pair.LinkRounds;
import org.annexp2p.session.pair.PairExchangeException;
import org.annexp2p.session.pair.PairFailureWords;
import org.annexp2p.session.pair.PairState;
import org.annexp2p.session.pair.PairingWormhole;
import org.annexp2p.session.pair.WormholePairing;
import org.annexp2p.wormhole.InvalidCodeException;
import org.annexp2p.wormhole.Wormhole;
import org.annexp2p.wormhole.WormholeOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "pair", resourceBundle = "org.annexp2p.cli.help.PairCommand", mixinStandardHelpOptions = true)
final class PairCommand implements Callable<Integer> {
    static final String APP_ID = WormholePairing.APP_ID;

    @Option(names = "--repo", paramLabel = "DIR", defaultValue = ".")
    Path repo;

    @Option(names = "--code", paramLabel = "CODE")
    String code;

    @Mixin
    RelayOptions relay;

    @Option(names = "--name", paramLabel = "NAME")
    String name;

    @Option(names = "--tor-socks", paramLabel = "HOST:PORT")
    String torSocks;

    @Option(names = "--link-attempts", paramLabel = "N", defaultValue = "100")
    int linkAttempts;

    @Option(names = "--debug")
    boolean debug;

    @Override
    public Integer call() throws Exception {
        AnnexRepository repository = AnnexRepository.open(repo);
        WormholePairing.ours(repository.creds());
        if (linkAttempts < 1) {
            throw new Main.UsageException("--link-attempts must be at least 1");
        }
        WormholeOptions options;
        try {
            options = relay.applyTo(WormholeOptions.defaults()).withAppId(APP_ID);
        } catch (InvalidCodeException e) {
            throw new Main.UsageException(e.getMessage());
        }
        try (StandardPlugins plugins = StandardPlugins.of(new StandardPlugins.Settings(torSocks, DiscoveryGroups.PORT))) {
            // A bad --tor-socks fails now, not after the other person has typed our code.
            plugins.torSocks();
            WormholePairing pairing = new WormholePairing(repository.creds(), PairingWormhole.over(new Wormhole(options)),
                    WormholePairing.Link.through(repository, plugins.addresses(), Optional.ofNullable(name),
                            Debug.transcript(debug), debug),
                    new LinkRounds(linkAttempts), this::tell, InterruptNotice.TREE);
            PeerLink.Linked linked = pair(pairing);
            System.err.println("Paired with " + ShownText.ofWire(linked.peer().value()) + "; added remote "
                    + ShownText.of(linked.remote()) + ".");
            return 0;
        }
    }

    private void tell(PairState state) {
        if (state instanceof PairState.CodeAllocated c) {
            System.err.println("This repository's pairing code is: " + c.code());
        }
    }

    /** Each round's failures are told as git-annex tells them; the plugin's own retry notices would repeat them. */
    private PeerLink.Linked pair(WormholePairing pairing) throws Exception {
        try {
            return pairing.run(mine -> code != null ? code : ask(),
                    (a, why) -> System.err.println("Unable to connect to " + a.format() + ". Retrying..."));
        } catch (PairExchangeException | LinkRounds.Exhausted e) {
            String words = PairFailureWords.of(e, Main::oneLine);
            throw e instanceof PairExchangeException p && p.step() == PairExchangeException.Step.OWN_CODE
                    ? new Main.UsageException(words) : new IOException(words, e.getCause());
        }
    }

    private static String ask() throws IOException {
        return Prompt.system().ask("Enter the other repository's pairing code: ").filter(line -> !line.isBlank())
                .orElseThrow(() -> new IOException("no pairing code entered"));
    }
}
