package org.annexp2p.wormhole;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.annexp2p.wormhole.transit.TcpHint;

/**
 * Where and how to run wormholes. The defaults match the Python CLI's public servers; tests and
 * offline use must override {@code relayUrl} and {@code transitHelpers}.
 *
 * @param directAddresses addresses advertised as direct hints when listening; empty means every
 *                        non-loopback address of this host (loopback if there is none), as Python does
 * @param serverTimeout   bound on every mailbox-server round trip
 * @param peerTimeout     bound on waiting for the other person (to type the code, to accept)
 * @param transitTimeout  bound on establishing Transit and on each read during the transfer
 */
public record WormholeOptions(URI relayUrl, String appId, List<TcpHint> transitHelpers, boolean listen,
                              List<InetAddress> directAddresses, int codeLength, Duration serverTimeout,
                              Duration peerTimeout, Duration transitTimeout) {

    public static final URI DEFAULT_RELAY_URL = URI.create("ws://relay.magic-wormhole.io:4000/v1");
    public static final String DEFAULT_APP_ID = "lothar.com/wormhole/text-or-file-xfer";
    public static final TcpHint DEFAULT_TRANSIT_HELPER = new TcpHint("transit.magic-wormhole.io", 4001, 0.0);

    public WormholeOptions {
        transitHelpers = List.copyOf(transitHelpers);
        directAddresses = List.copyOf(directAddresses);
        if (appId.isEmpty()) {
            throw new IllegalArgumentException("appid must not be empty");
        }
        if (codeLength < 1) {
            throw new IllegalArgumentException("code length must be at least 1");
        }
    }

    /** Whether {@code url} can be a mailbox server's: the protocol runs over WebSocket, ws:// or wss://. */
    public static boolean isMailboxUrl(URI url) {
        return "ws".equals(url.getScheme()) || "wss".equals(url.getScheme());
    }

    public static WormholeOptions defaults() {
        return new WormholeOptions(DEFAULT_RELAY_URL, DEFAULT_APP_ID, List.of(DEFAULT_TRANSIT_HELPER), true, List.of(), 2,
                Duration.ofSeconds(30), Duration.ofMinutes(30), Duration.ofSeconds(60));
    }

    public WormholeOptions withRelayUrl(URI url) {
        return new WormholeOptions(url, appId, transitHelpers, listen, directAddresses,
                codeLength, serverTimeout, peerTimeout, transitTimeout);
    }

    public WormholeOptions withAppId(String id) {
        return new WormholeOptions(relayUrl, id, transitHelpers, listen, directAddresses,
                codeLength, serverTimeout, peerTimeout, transitTimeout);
    }

    public WormholeOptions withTransitHelpers(List<TcpHint> helpers) {
        return new WormholeOptions(relayUrl, appId, helpers, listen, directAddresses,
                codeLength, serverTimeout, peerTimeout, transitTimeout);
    }

    public WormholeOptions withListen(boolean on) {
        return new WormholeOptions(relayUrl, appId, transitHelpers, on, directAddresses,
                codeLength, serverTimeout, peerTimeout, transitTimeout);
    }

    public WormholeOptions withDirectAddresses(List<InetAddress> addresses) {
        return new WormholeOptions(relayUrl, appId, transitHelpers, listen, addresses,
                codeLength, serverTimeout, peerTimeout, transitTimeout);
    }

    public WormholeOptions withCodeLength(int words) {
        return new WormholeOptions(relayUrl, appId, transitHelpers, listen, directAddresses,
                words, serverTimeout, peerTimeout, transitTimeout);
    }

    public WormholeOptions withTimeouts(Duration server, Duration peer, Duration transit) {
        return new WormholeOptions(relayUrl, appId, transitHelpers, listen, directAddresses,
                codeLength, server, peer, transit);
    }
}
