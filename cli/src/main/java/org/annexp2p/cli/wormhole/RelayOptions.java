package org.annexp2p.cli.wormhole;

import java.net.URI;
import java.util.List;
import org.annexp2p.wormhole.InvalidCodeException;
import org.annexp2p.wormhole.WormholeOptions;
import org.annexp2p.wormhole.transit.TcpHint;
import picocli.CommandLine.Option;

/**
 * The mailbox server and transit relay options, named as the Python CLI names them and falling back to the
 * same environment variables (which git-annex relies on), shared by {@code wormhole} and {@code pair}. Their text is in
 * help/Main.properties (keys relay.*).
 */
public final class RelayOptions {

    @Option(names = "--relay-url", paramLabel = "URL",
            defaultValue = "${env:WORMHOLE_RELAY_URL:-ws://relay.magic-wormhole.io:4000/v1}", descriptionKey = "relay.relay-url")
    URI relayUrl;

    @Option(names = "--transit-helper", paramLabel = "tcp:HOST:PORT",
            defaultValue = "${env:WORMHOLE_TRANSIT_HELPER:-tcp:transit.magic-wormhole.io:4001}", descriptionKey = "relay.transit-helper")
    String transitHelper;

    static final String DEFAULT_TRANSIT_HELPER = "tcp:transit.magic-wormhole.io:4001";

    /**
     * The options the other side must give to meet us, before its subcommand (" --relay-url URL", and the
     * transit helper if not the default), or "" with the public servers. An environment variable of ours is
     * not the other computer's, so a server it chose is spelled out too.
     */
    String forTheOtherSide() {
        StringBuilder b = new StringBuilder();
        if (!WormholeOptions.DEFAULT_RELAY_URL.equals(relayUrl)) {
            b.append(" --relay-url ").append(relayUrl);
        }
        if (!DEFAULT_TRANSIT_HELPER.equals(transitHelper)) {
            b.append(" --transit-helper ").append(transitHelper);
        }
        return b.toString();
    }

    /** {@code base} with these servers; a bad URL or endpoint is refused before anything connects. */
    public WormholeOptions applyTo(WormholeOptions base) throws InvalidCodeException {
        if (!WormholeOptions.isMailboxUrl(relayUrl)) {
            throw new InvalidCodeException("--relay-url must be a ws:// or wss:// URL, got: " + relayUrl);
        }
        TcpHint helper = TcpHint.parseEndpoint(transitHelper);
        return base.withRelayUrl(relayUrl).withTransitHelpers(List.of(helper));
    }
}
