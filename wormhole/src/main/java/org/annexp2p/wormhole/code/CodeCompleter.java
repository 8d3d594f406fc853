package org.annexp2p.wormhole.code;

import java.util.Collection;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Tab completion for a partly typed code: nameplates come from the server's list, words from the
 * PGP list for the position being typed. Each completion is the whole code typed so far, with a
 * trailing hyphen when more words are expected.
 */
final class CodeCompleter {

    private final int codeLength;

    public CodeCompleter(int codeLength) {
        if (codeLength < 1) {
            throw new IllegalArgumentException("code length must be at least 1");
        }
        this.codeLength = codeLength;
    }

    public SortedSet<String> complete(String typed, Collection<String> nameplates) {
        SortedSet<String> out = new TreeSet<>();
        int dash = typed.indexOf('-');
        if (dash < 0) {
            for (String n : nameplates) {
                if (n.startsWith(typed)) {
                    out.add(n + "-");
                }
            }
            return out;
        }
        String words = typed.substring(dash + 1);
        int position = (int) words.chars().filter(c -> c == '-').count();
        if (position >= codeLength) {
            return out;
        }
        String partial = words.substring(words.lastIndexOf('-') + 1);
        String kept = typed.substring(0, typed.length() - partial.length());
        for (String word : WordList.pgp().wordsAt(position)) {
            if (word.startsWith(partial)) {
                out.add(kept + word + (position + 1 < codeLength ? "-" : ""));
            }
        }
        return out;
    }
}
