package org.annexp2p.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.annexp2p.pairing.discovery.DiscoveryGroups;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.repository.creds.SharedAddresses;
import org.annexp2p.repository.creds.TokenGenerator;
import org.annexp2p.session.serve.ServeBanner;
import org.annexp2p.session.StandardPlugins;
import org.annexp2p.session.link.LinkAddress;
import org.annexp2p.session.link.PeerLink;
import org.annexp2p.session.network.NetworkEnabling;
import org.annexp2p.session.plugin.net.HelperSearch;
import org.annexp2p.session.plugin.net.NetworkAddress;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "p2p", resourceBundle = "org.annexp2p.cli.help.P2pCommand", mixinStandardHelpOptions = true)
final class P2pCommand implements Callable<Integer> {
    static final class Action {
        @Option(names = "--gen-addresses")
        boolean genAddresses;

        @Option(names = "--link")
        boolean link;

        @Option(names = "--enable", paramLabel = "NETNAME")
        String enable;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Action action;

    @Option(names = "--name", paramLabel = "NAME")
    String name;

    @Option(names = "--repo", paramLabel = "DIR", defaultValue = ".")
    Path repo;

    @Option(names = "--tor-socks", paramLabel = "HOST:PORT")
    String torSocks;

    @Option(names = "--debug")
    boolean debug;

    @Override
    public Integer call() throws Exception {
        AnnexRepository repository = AnnexRepository.open(repo);
        if (action.enable != null) {
            return enable(repository, action.enable);
        }
        return action.genAddresses ? genAddresses(repository) : link(repository);
    }

    private int genAddresses(AnnexRepository repository) throws IOException {
        List<String> shared = SharedAddresses.withFreshTokens(repository.creds(), new TokenGenerator());
        if (shared.isEmpty()) {
            throw new IOException("No P2P networks are currently available. (Run `annex-p2p enable-tor` first; for "
                    + "`serve --listen`, `annex-p2p token` prints a token and the tls:// address.)");
        }
        shared.forEach(System.out::println);
        System.err.println("These addresses allow access to this git-annex repository. Only share them with people "
                + "you trust with that access, using trusted communication channels!");
        System.err.println(ServeBanner.clientHint(repository.creds()));
        return 0;
    }

    private static int enable(AnnexRepository repository, String netName) throws IOException {
        for (NetworkAddress address : new NetworkEnabling(HelperSearch.fromEnvironment(), new TokenGenerator())
                .enable(repository, netName)) {
            System.err.println("enabled " + address);
        }
        System.err.println("`annex-p2p serve` serves it; `annex-p2p p2p --gen-addresses` prints addresses to give peers");
        return 0;
    }

    private int link(AnnexRepository repository) throws Exception {
        Prompt prompt = Prompt.system();
        LinkAddress address = null;
        while (address == null) {
            String line = prompt.ask("Enter peer address: ").filter(l -> !l.isBlank())
                    .orElseThrow(() -> new IOException("Nothing entered, giving up."));
            try {
                address = LinkAddress.parse(line.trim());
            } catch (RuntimeException e) {
                System.err.println("annex-p2p: " + e.getMessage());
                if (System.console() == null) {
                    throw new Main.UsageException("not a peer address");
                }
            }
        }
        PeerLink.Linked linked;
        try (StandardPlugins plugins = StandardPlugins.of(new StandardPlugins.Settings(torSocks, DiscoveryGroups.PORT))) {
            // Patiently (the onion plugin's way): a freshly (re)published onion takes a while to become reachable.
            linked = new PeerLink(repository, plugins.addresses(), ClientSession::tell, Debug.transcript(debug), debug)
                    .link(address.address(), address.token(), Optional.ofNullable(name));
        }
        System.err.println("linked to " + linked.peer() + " as remote " + linked.remote());
        return 0;
    }

}
