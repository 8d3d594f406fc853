package org.annexp2p.pairing.qr;

/** A QR payload we cannot use; the message says why in one line and never contains the secret. */
public final class InvalidPayloadException extends Exception {

    public InvalidPayloadException(String message) {
        super(message);
    }
}
