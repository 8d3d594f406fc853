package org.annexp2p.protocol.message;

import java.util.regex.Pattern;

/**
 * What of a line that looks like AUTH may be shown in a log, a transcript or an error. A peer that gets AUTH
 * wrong (a stray character, a token split by a space, lower-case {@code auth}, extra fields, the token where
 * the UUID goes) still sends a working credential, and which field holds it cannot be told from a line that
 * does not parse. So every field of such a line is hidden except the command word and a first argument
 * shaped like a UUID; a token (letters and digits only) never has that shape.
 *
 * <p>Works on wire text (one char per byte, before escaping for display): escaping first would turn a
 * leading CR into letters and digits and hide that the line starts with AUTH.
 */
public final class AuthLine {
    public static final String HIDDEN = "<AUTHTOKEN>";

    private static final Pattern UUID_SHAPE =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private AuthLine() {}

    /**
     * True if the first letters or digits of {@code wire} are {@code AUTH}, in any case: whatever precedes them
     * (spaces, a CR, junk) does not make a mangled AUTH line safe to show.
     */
    public static boolean is(String wire) {
        int start = firstAlphanumeric(wire);
        return start >= 0 && wire.regionMatches(true, start, "AUTH", 0, 4);
    }

    /** {@code wire} with every field of an AUTH line hidden but the command word and a UUID; other lines as they are. */
    public static String masked(String wire) {
        if (!is(wire)) {
            return wire;
        }
        int start = firstAlphanumeric(wire);
        StringBuilder out = new StringBuilder(wire.length()).append(wire, 0, start);
        int field = 0;
        boolean commandShown = false;
        for (int i = start; i < wire.length(); ) {
            if (separator(wire.charAt(i))) {
                out.append(wire.charAt(i++));
                continue;
            }
            int end = i;
            while (end < wire.length() && !separator(wire.charAt(end))) {
                end++;
            }
            String word = wire.substring(i, end);
            if (field == 0) {
                commandShown = isCommand(word);
                // "AUTHtoken": the command ran into what followed it.
                out.append(commandShown || word.length() == 4 ? word : word.substring(0, 4) + HIDDEN);
            } else if (field == 1 && commandShown && UUID_SHAPE.matcher(word).matches()) {
                out.append(word);
            } else {
                out.append(HIDDEN);
            }
            field++;
            i = end;
        }
        return out.toString();
    }

    /** Shows a UUID only if it has a UUID's shape: a client that left its UUID out put its token there. */
    public static String shownUuid(String uuid) {
        return UUID_SHAPE.matcher(uuid).matches() ? uuid : HIDDEN;
    }

    private static boolean isCommand(String word) {
        return word.equals("AUTH") || word.equals("AUTH-SUCCESS") || word.equals("AUTH-FAILURE");
    }

    private static boolean separator(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    private static int firstAlphanumeric(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
                return i;
            }
        }
        return -1;
    }
}
