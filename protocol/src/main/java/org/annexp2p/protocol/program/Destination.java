package org.annexp2p.protocol.program;

import org.annexp2p.protocol.key.Key;

/**
 * Where received content goes. Into the repository's object store (via its partial-transfer file, so nothing
 * partial is ever visible as an object), or into a file the user named (via a partial file beside it, renamed
 * over it once verified, from whose size a later GET of the same key resumes).
 */
public sealed interface Destination {
    Key key();

    // equals and hashCode by hand, with a record's meaning, for the reason Key gives: a connection keeps its
    // transfers by destination.
    record ObjectStore(Key key) implements Destination {
        @Override
        public boolean equals(Object o) {
            return o instanceof ObjectStore d && key.equals(d.key);
        }

        @Override
        public int hashCode() {
            return key.hashCode();
        }
    }

    record File(Key key, String path) implements Destination {
        @Override
        public boolean equals(Object o) {
            return o instanceof File d && key.equals(d.key) && path.equals(d.path);
        }

        @Override
        public int hashCode() {
            return 31 * key.hashCode() + path.hashCode();
        }
    }
}
