package org.annexp2p.protocol.program;

/** Progress of a byte transfer: told the running total of bytes moved so far. */
@FunctionalInterface
public interface Meter {
    Meter NONE = total -> {};

    void progress(long bytesSoFar);
}
