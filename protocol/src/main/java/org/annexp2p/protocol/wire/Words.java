package org.annexp2p.protocol.wire;

import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.collection.List;

/** Splitting wire text the way git-annex's line protocol does. */
public final class Words {
    private Words() {}

    /**
     * Splits at the first whitespace character, consuming exactly that one character; with no whitespace the
     * rest is empty. So {@code "PUT  KEY"} gives {@code ("PUT", " KEY")}: the second field is then empty.
     */
    public static Tuple2<String, String> splitWord(String s) {
        for (int i = 0; i < s.length(); i++) {
            int n = WireText.spaceAt(s, i);
            if (n > 0) {
                return Tuple.of(s.substring(0, i), s.substring(i + n));
            }
        }
        return Tuple.of(s, "");
    }

    /** Haskell's {@code words}: whitespace-separated, runs of whitespace collapse, no empty words. */
    public static List<String> split(String s) {
        List<String> out = List.empty();
        int start = -1;
        for (int i = 0; i < s.length(); ) {
            int n = WireText.spaceAt(s, i);
            if (n > 0) {
                if (start >= 0) {
                    out = out.prepend(s.substring(start, i));
                    start = -1;
                }
                i += n;
            } else {
                if (start < 0) {
                    start = i;
                }
                i++;
            }
        }
        if (start >= 0) {
            out = out.prepend(s.substring(start));
        }
        return out.reverse();
    }
}
