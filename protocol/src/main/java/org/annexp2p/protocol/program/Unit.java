package org.annexp2p.protocol.program;

/** The result of an instruction that is done for its effect. */
public enum Unit {
    UNIT
}
