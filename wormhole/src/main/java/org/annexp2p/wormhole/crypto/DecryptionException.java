package org.annexp2p.wormhole.crypto;

/** A sealed box did not authenticate: wrong key, or bytes changed on the way. */
public final class DecryptionException extends Exception {

    public DecryptionException(String message) {
        super(message);
    }
}
