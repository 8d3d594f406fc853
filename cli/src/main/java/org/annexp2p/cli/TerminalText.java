package org.annexp2p.cli;

import org.annexp2p.protocol.wire.ShownText;

/** Peer-chosen text made safe for the terminal: {@link ShownText}'s escaping, under the name cli's commands use. */
public final class TerminalText {
    private TerminalText() {
    }

    /** See {@link ShownText#of}. */
    public static String of(String text) {
        return ShownText.of(text);
    }

    /** See {@link ShownText#keepingLines}. */
    public static String keepingLines(String text) {
        return ShownText.keepingLines(text);
    }

    /** See {@link ShownText#ofWire}. */
    public static String ofWire(String wire) {
        return ShownText.ofWire(wire);
    }

    /** See {@link ShownText#isControl}. */
    public static boolean isControl(char c) {
        return ShownText.isControl(c);
    }
}
