package org.annexp2p.session.plugin.exec;

import java.util.ArrayList;
import java.util.List;

/**
 * A command line as a user writes it for {@code --exec}, e.g. {@code ssh host git-annex-shell p2pstdio '/dir' UUID},
 * split into its words POSIX-shell style (single quotes, double quotes, backslashes); no shell is involved, so
 * nothing in it is expanded or executed but the command itself.
 */
final class ShellCommandLine {
    private ShellCommandLine() {}

    public static List<String> split(String s) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'') {
                int end = s.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated ' in command: " + s);
                }
                w.append(s, i + 1, end);
                i = end;
                inWord = true;
            } else if (c == '"') {
                i++;
                for (; i < s.length() && s.charAt(i) != '"'; i++) {
                    char d = s.charAt(i);
                    if (d == '\\' && i + 1 < s.length() && "$`\"\\\n".indexOf(s.charAt(i + 1)) >= 0) {
                        d = s.charAt(++i);
                    }
                    w.append(d);
                }
                if (i >= s.length()) {
                    throw new IllegalArgumentException("unterminated \" in command: " + s);
                }
                inWord = true;
            } else if (c == '\\' && i + 1 < s.length()) {
                w.append(s.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(w.toString());
                    w.setLength(0);
                    inWord = false;
                }
            } else {
                w.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(w.toString());
        }
        return words;
    }
}
