package org.annexp2p.protocol.wire;

import java.nio.charset.StandardCharsets;

/**
 * Wire text: protocol lines are raw bytes (git-annex sends file names and keys as their on-disk bytes), so
 * every string that crosses the wire is held as ISO-8859-1 — one char per byte — which round-trips any
 * byte sequence exactly. Character classes (space, control) are judged the way git-annex judges them:
 * on the UTF-8 decoding where the bytes are valid UTF-8, and byte by byte where they are not.
 */
public final class WireText {
    private WireText() {}

    public static String ofBytes(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    public static byte[] toBytes(String wire) {
        return wire.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Wire text for a Java string that may hold any Unicode (e.g. a file name): its UTF-8 bytes. */
    public static String ofUnicode(String s) {
        return ofBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * If a whitespace character (as Haskell's {@code isSpace} sees it) starts at {@code i}, its length in
     * bytes; else 0. ASCII space, TAB..CR, U+00A0, and the Unicode space separators (Zs) count.
     */
    public static int spaceAt(String wire, int i) {
        char c = wire.charAt(i);
        if (c == ' ' || (c >= '\t' && c <= '\r')) {
            return 1;
        }
        int cp = utf8At(wire, i);
        if (cp < 0) {
            return 0;
        }
        boolean space = cp == 0xA0 || (cp > 0x377 && Character.getType(cp) == Character.SPACE_SEPARATOR);
        return space ? utf8Length(cp) : 0;
    }

    /** Length in bytes of a control character (C0, DEL, C1) starting at {@code i}, else 0. */
    public static int controlAt(String wire, int i) {
        char c = wire.charAt(i);
        if (c < 0x20 || c == 0x7F) {
            return 1;
        }
        int cp = utf8At(wire, i);
        return cp >= 0x80 && cp <= 0x9F ? 2 : 0;
    }

    /** The code point of a well-formed multi-byte UTF-8 sequence starting at {@code i}, or -1. */
    static int utf8At(String wire, int i) {
        int b0 = wire.charAt(i);
        int n;
        int cp;
        if (b0 >= 0xC2 && b0 <= 0xDF) {
            n = 1;
            cp = b0 & 0x1F;
        } else if (b0 >= 0xE0 && b0 <= 0xEF) {
            n = 2;
            cp = b0 & 0x0F;
        } else if (b0 >= 0xF0 && b0 <= 0xF4) {
            n = 3;
            cp = b0 & 0x07;
        } else {
            return -1;
        }
        if (i + n >= wire.length()) {
            return -1;
        }
        for (int k = 1; k <= n; k++) {
            int b = wire.charAt(i + k);
            if ((b & 0xC0) != 0x80) {
                return -1;
            }
            cp = (cp << 6) | (b & 0x3F);
        }
        boolean overlong = (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000);
        boolean surrogate = cp >= 0xD800 && cp <= 0xDFFF;
        return overlong || surrogate || cp > 0x10FFFF ? -1 : cp;
    }

    private static int utf8Length(int cp) {
        return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    }

    /** Printable form of wire text for logs: bytes outside printable ASCII are shown as \xNN. */
    public static String printable(String wire) {
        StringBuilder sb = new StringBuilder(wire.length());
        for (int i = 0; i < wire.length(); i++) {
            char c = wire.charAt(i);
            if (c >= 0x20 && c < 0x7F) {
                sb.append(c);
            } else {
                sb.append(String.format("\\x%02x", (int) c));
            }
        }
        return sb.toString();
    }
}
