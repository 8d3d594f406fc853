package org.annexp2p.protocol.wire;

import io.vavr.collection.List;

/** The new SHAs of changed refs that a CHANGED message carries (git-annex sends SHAs, not ref names). */
public record ChangedRefs(List<String> shas) {
    public ChangedRefs {
        for (String s : shas) {
            if (s.isEmpty() || !new Uuid(s).isWord()) {
                throw new IllegalArgumentException("a changed ref must be one non-empty word");
            }
        }
    }

    public static ChangedRefs parse(String wire) {
        return new ChangedRefs(Words.split(wire));
    }

    public String format() {
        return String.join(" ", shas);
    }
}
