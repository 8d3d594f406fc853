package org.annexp2p.tor.onion;

/** Text that is not a valid onion address or tor-annex address; the message names the problem. */
public final class OnionAddressException extends IllegalArgumentException {

    public OnionAddressException(String message) {
        super(message);
    }
}
