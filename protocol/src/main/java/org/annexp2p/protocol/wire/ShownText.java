package org.annexp2p.protocol.wire;

import java.nio.charset.StandardCharsets;

/**
 * Text someone else chose (a peer's error message, a sender's file name, a LAN peer's host name) made safe to
 * print on a terminal. Control characters would let them move the cursor, rewrite what was printed before,
 * retitle the window or put text on the clipboard (escape sequences), or start a line that looks like ours
 * (newlines); bidirectional overrides make a name read differently from what it is ("txt.exe" shown as
 * "exe.txt"). Each of those is shown as an escape instead (ESC as backslash-x1b, U+202E as backslash-u202e);
 * everything printable passes unchanged.
 */
public final class ShownText {
    private ShownText() {
    }

    /** {@code text} on one line: every C0 (newline and tab included), DEL, C1 and bidi control escaped. */
    public static String of(String text) {
        return escaped(text, false);
    }

    /** As {@link #of}, but newlines and tabs kept: for a text message, whose lines are its content. */
    public static String keepingLines(String text) {
        return escaped(text, true);
    }

    /** Wire text (one char per byte) decoded as UTF-8 where it can be, then as {@link #of}. */
    public static String ofWire(String wire) {
        return of(new String(WireText.toBytes(wire), StandardCharsets.UTF_8));
    }

    /** True if printing {@code c} could do more than show a character. */
    public static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7F && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
    }

    private static String escaped(String text, boolean keepLines) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean keep = !isControl(c) || (keepLines && (c == '\n' || c == '\t'));
            if (keep) {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            out.append(c <= 0xFF ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c));
        }
        return out == null ? text : out.toString();
    }
}
