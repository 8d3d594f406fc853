package org.annexp2p.transports.memory;

/** Which way bytes flow over an in-memory link. */
public enum Direction {
    /** From the dialing side to the listening side. */
    TO_LISTENER,
    /** From the listening side back to the dialer. */
    TO_DIALER
}
