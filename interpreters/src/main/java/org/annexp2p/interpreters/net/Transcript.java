package org.annexp2p.interpreters.net;

/**
 * Where a debug transcript of the conversation goes (like git-annex's --debug). Lines arrive already
 * printable and with auth tokens replaced by {@code <AUTHTOKEN>}.
 */
@FunctionalInterface
public interface Transcript {
    Transcript NONE = (direction, line) -> {};

    enum Direction { SENT, RECEIVED }

    void line(Direction direction, String printable);
}
