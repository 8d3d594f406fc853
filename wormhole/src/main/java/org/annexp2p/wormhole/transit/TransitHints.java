package org.annexp2p.wormhole.transit;

import java.util.List;

/** Where a peer can be reached: its own listening addresses and the relays it is willing to use. */
public record TransitHints(List<TcpHint> direct, List<TcpHint> relays) {

    public TransitHints {
        direct = List.copyOf(direct);
        relays = List.copyOf(relays);
    }
}
