package org.annexp2p.cli;

import org.annexp2p.interpreters.net.Transcript;

/** --debug output on stderr, in git-annex's "P2P > message" style (tokens are already redacted). */
final class Debug {
    private Debug() {}

    static Transcript transcript(boolean on) {
        if (!on) {
            return Transcript.NONE;
        }
        return (direction, line) -> System.err.println(
                "[" + java.time.LocalTime.now().withNano(0) + "] P2P " + (direction == Transcript.Direction.SENT ? "> " : "< ") + line);
    }
}
