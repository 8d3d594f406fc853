package org.annexp2p.cli;

import org.annexp2p.interpreters.net.Transcript;

/** --debug output on stderr, in git-annex's "P2P > message" style (tokens are already redacted). */
final class Debug {
    private Debug() {}

    static Transcript transcript(boolean on) {
        if (!on) {
            return Transcript.NONE;
        }
        // System.err as it is at each line, not at this call.
        return (direction, line) -> transcriptTo(System.err).line(direction, line);
    }

    /** The transcript on {@code err}: a resident server's session prints it on the session's stderr. */
    static Transcript transcriptTo(java.io.PrintStream err) {
        return (direction, line) -> err.println(
                "[" + java.time.LocalTime.now().withNano(0) + "] P2P " + (direction == Transcript.Direction.SENT ? "> " : "< ") + line);
    }
}
