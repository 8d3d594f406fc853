package org.annexp2p.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * The words of a git-annex-shell command string, split the way git-annex-shell splits them (its shellUnEscape),
 * because what we check and run must be what it would: a word ends at a space (only a space) outside quotes;
 * '...' and "..." quote with no escapes inside; a quote left open runs to the end; backslashes are plain text;
 * two spaces make an empty word. This is not cli's ShellCommandLine (POSIX-like, for {@code --exec}).
 */
final class ShellWords {
    private ShellWords() {}

    static List<String> split(String s) {
        List<String> words = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            StringBuilder word = new StringBuilder();
            while (i < s.length()) {
                char c = s.charAt(i++);
                if (c == ' ') {
                    break;
                }
                if (c == '\'' || c == '"') {
                    int close = s.indexOf(c, i);
                    int end = close < 0 ? s.length() : close;
                    word.append(s, i, end);
                    i = close < 0 ? end : close + 1;
                } else {
                    word.append(c);
                }
            }
            words.add(word.toString());
        }
        return words;
    }

    /** git-annex's shellEscape: single quotes, each ' written as '"'"'. {@code split} undoes it. */
    static String quote(String word) {
        return "'" + word.replace("'", "'\"'\"'") + "'";
    }
}
