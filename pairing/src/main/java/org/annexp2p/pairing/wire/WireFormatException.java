package org.annexp2p.pairing.wire;

/** Bytes that do not decode; the message names the field and the problem in one line. */
public final class WireFormatException extends Exception {

    public WireFormatException(String message) {
        super(message);
    }
}
