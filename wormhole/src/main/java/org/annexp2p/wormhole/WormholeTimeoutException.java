package org.annexp2p.wormhole;

/** A bounded wait ran out: the server or the peer did not answer in time. */
public final class WormholeTimeoutException extends WormholeException {

    public WormholeTimeoutException(String message) {
        super(message);
    }
}
