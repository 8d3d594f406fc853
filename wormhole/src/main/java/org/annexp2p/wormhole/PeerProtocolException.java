package org.annexp2p.wormhole;

/** The server or the peer sent something that breaks the protocol (malformed JSON, bad SPAKE2 message...). */
public final class PeerProtocolException extends WormholeException {

    public PeerProtocolException(String message) {
        super(message);
    }

    public PeerProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
