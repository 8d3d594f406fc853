package org.annexp2p.cli;

import java.nio.file.Path;
import org.annexp2p.pairing.discovery.DiscoveryGroups;
import picocli.CommandLine.Option;

/**
 * How a client command reaches the peer, and which repository it acts for. The {@link Route} group is declared
 * by each command itself: an @ArgGroup inside a @Mixin is listed twice in --help. Their text is in help/Main.properties
 * (keys peer.*), once for every command that has them.
 */
final class PeerOptions {

    static final class Route {
        @Option(names = "--exec", paramLabel = "COMMAND", descriptionKey = "peer.exec")
        String exec;

        @Option(names = "--address", paramLabel = "ADDRESS", descriptionKey = "peer.address")
        String address;
    }

    @Option(names = "--token", paramLabel = "TOKEN", descriptionKey = "peer.token")
    String token;

    @Option(names = "--repo", paramLabel = "DIR", descriptionKey = "peer.repo")
    Path repo;

    @Option(names = "--tor-socks", paramLabel = "HOST:PORT", descriptionKey = "peer.tor-socks")
    String torSocks;

    @Option(names = "--discovery-port", paramLabel = "N", defaultValue = "" + DiscoveryGroups.PORT, descriptionKey = "peer.discovery-port")
    int discoveryPort;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationArgument.class, descriptionKey = "peer.timeout")
    java.time.Duration timeout;

    @Option(names = "--debug", descriptionKey = "peer.debug")
    boolean debug;
}
