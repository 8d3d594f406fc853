package org.annexp2p.wormhole;

/** Key confirmation failed: the peer's first encrypted message did not decrypt with our key. */
public final class WrongCodeException extends WormholeException {

    public WrongCodeException() {
        super("Key confirmation failed: wrong code or tampering. Either you or your correspondent typed the code wrong,"
                + " or a would-be man-in-the-middle attacker guessed incorrectly.");
    }
}
