package org.annexp2p.wormhole;

/** The transfer itself failed: rejected offer, transit failure, size mismatch, bad acknowledgement. */
public final class TransferException extends WormholeException {

    public TransferException(String message) {
        super(message);
    }

    public TransferException(String message, Throwable cause) {
        super(message, cause);
    }
}
