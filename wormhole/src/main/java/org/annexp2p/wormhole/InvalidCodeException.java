package org.annexp2p.wormhole;

/** A typed code does not have the shape {@code NAMEPLATE-WORDS}. */
public final class InvalidCodeException extends WormholeException {

    public InvalidCodeException(String message) {
        super(message);
    }
}
