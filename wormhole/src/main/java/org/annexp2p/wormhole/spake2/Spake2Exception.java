package org.annexp2p.wormhole.spake2;

/** The peer's SPAKE2 message cannot be used; {@link #reason()} says why. */
public final class Spake2Exception extends Exception {

    /** What was wrong with the inbound message. */
    public enum Reason { WRONG_LENGTH, WRONG_SIDE, INVALID_ELEMENT, REFLECTION }

    private final Reason reason;

    public Spake2Exception(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
