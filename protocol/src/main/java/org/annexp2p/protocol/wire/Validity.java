package org.annexp2p.protocol.wire;

/** What a sender says after a DATA payload (v1+): whether the bytes it sent are the content it meant to send. */
public enum Validity {
    VALID,
    INVALID
}
