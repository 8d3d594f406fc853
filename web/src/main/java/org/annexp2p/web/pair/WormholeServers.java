package org.annexp2p.web.pair;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.annexp2p.session.pair.WormholePairing;
import org.annexp2p.web.Refused;
import org.annexp2p.wormhole.InvalidCodeException;
import org.annexp2p.wormhole.WormholeOptions;
import org.annexp2p.wormhole.transit.TcpHint;

/**
 * The mailbox server and transit relay the page pairs through: {@code WORMHOLE_RELAY_URL} and
 * {@code WORMHOLE_TRANSIT_HELPER}, the variables {@code pair} and git-annex's {@code p2p --pair} honour, else the
 * public servers; with git-annex's application id, so either side may be git-annex.
 */
final class WormholeServers {
    static final String RELAY_URL = "WORMHOLE_RELAY_URL";
    static final String TRANSIT_HELPER = "WORMHOLE_TRANSIT_HELPER";

    private WormholeServers() {
    }

    static WormholeOptions options(Map<String, String> environment) throws Refused {
        URI relay = URI.create(environment.getOrDefault(RELAY_URL, WormholeOptions.DEFAULT_RELAY_URL.toString()));
        if (!WormholeOptions.isMailboxUrl(relay)) {
            throw new Refused(409, RELAY_URL + " must be a ws:// or wss:// URL; fix it and start annex-p2p ui again");
        }
        WormholeOptions options = WormholeOptions.defaults().withRelayUrl(relay).withAppId(WormholePairing.APP_ID);
        String helper = environment.get(TRANSIT_HELPER);
        if (helper == null) {
            return options;
        }
        try {
            return options.withTransitHelpers(List.of(TcpHint.parseEndpoint(helper)));
        } catch (InvalidCodeException | IllegalArgumentException e) {
            throw new Refused(409, TRANSIT_HELPER + " is not tcp:HOST:PORT; fix it and start annex-p2p ui again");
        }
    }
}
