package org.annexp2p.cli;

import java.nio.file.Path;
import org.annexp2p.pairing.discovery.DiscoveryGroups;
import picocli.CommandLine.Option;

/**
 * How a client command reaches the peer, and which repository it acts for. The {@link Route} group is declared
 * by each command itself: an @ArgGroup inside a @Mixin is listed twice in --help.
 */
final class PeerOptions {

    static final class Route {
        @Option(names = "--exec", paramLabel = "COMMAND",
                description = "Run COMMAND and speak to it over its stdin/stdout; it must serve like `git-annex-shell p2pstdio` "
                        + "(e.g. \"git-annex-shell p2pstdio /srv/annex $(cat /proc/sys/kernel/random/uuid)\", or through ssh: \"ssh host "
                        + "git-annex-shell p2pstdio /srv/annex UUID\").")
        String exec;

        @Option(names = "--address", paramLabel = "ADDRESS",
                description = "Connect to a server that authenticates with AUTH: tls://HOST:PORT/PIN (annex-p2p "
                    + "serve --listen off loopback: TLS, trusting only the key PIN names), tcp://HOST:PORT (plaintext: "
                    + "loopback, or serve --listen tcp://...), tor-annex::ONION:PORT (Tor), lan://HOST:PORT (a peer "
                    + "paired with `pair --lan`, over TLS pinned to its key; needs --repo), p2p-annex::NETNAME:ADDRESS "
                    + "(through the network's git-annex-p2p-NETNAME helper on PATH), or annex+http(s)://HOST:PORT/git-annex/UUID "
                    + "(a p2phttp server; with --repo the UUID may come from the remote whose annexurl it is).")
        String address;
    }

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "Auth token for --address (default: $GIT_ANNEX_P2P_AUTHTOKEN, then the repository's creds for that "
                    + "peer). Prefer the environment: arguments show in `ps`.")
    String token;

    @Option(names = "--repo", paramLabel = "DIR",
            description = "Act for this git-annex repository: its UUID identifies us, and content goes to / comes from its "
                    + "object store when no FILE is given.")
    Path repo;

    @Option(names = "--tor-socks", paramLabel = "HOST:PORT",
            description = "Tor's SOCKS port for tor-annex:: addresses (default: $ANNEX_P2P_TOR_SOCKS, else 127.0.0.1:9050).")
    String torSocks;

    @Option(names = "--discovery-port", paramLabel = "N", defaultValue = "" + DiscoveryGroups.PORT,
            description = "For lan:// when the peer is not at any address we know: the UDP port to ask where it is now (its "
                    + "`serve --discovery-port`; default: ${DEFAULT-VALUE}).")
    int discoveryPort;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationArgument.class,
            description = "Give up on a peer that has not connected and answered AUTH and VERSION within DURATION (e.g. 30s, "
                    + "2m). Default: 10 s for tcp://; lan:// and tor-annex:: connect within their own bounds, then have 10 "
                    + "s (LAN) or 30 s (onion) to answer; --exec waits, as the command may ask for a password. A transfer "
                    + "under way is not cut (a 10-minute silence still ends it).")
    java.time.Duration timeout;

    @Option(names = "--debug", description = "Show the protocol conversation on stderr (tokens hidden).")
    boolean debug;
}
