package org.annexp2p.protocol.message;

import org.annexp2p.protocol.wire.WireText;

/**
 * Why a line is not a message. A server answers every one of these with {@code ERROR unknown command} and
 * keeps serving, which is what lets the protocol grow; the cases exist for clear log lines.
 */
public sealed interface ParseError {

    /** A short description for logs (peer-chosen bytes are shown escaped and abbreviated). */
    String describe();

    record UnknownCommand(String command) implements ParseError {
        @Override
        public String describe() {
            return "unknown command " + shown(command);
        }
    }

    record BadArguments(String command, String reason) implements ParseError {
        @Override
        public String describe() {
            return "bad arguments to " + shown(command) + ": " + reason;
        }
    }

    private static String shown(String wire) {
        // A command word that starts like AUTH may have the token run into it ("AUTHtoken").
        String p = WireText.printable(AuthLine.masked(wire));
        return p.length() > 64 ? p.substring(0, 64) + "..." : p;
    }
}
