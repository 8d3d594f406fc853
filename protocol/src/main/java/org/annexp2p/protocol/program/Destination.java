package org.annexp2p.protocol.program;

import org.annexp2p.protocol.key.Key;

/**
 * Where received content goes. Into the repository's object store (via its partial-transfer file, so nothing
 * partial is ever visible as an object), or into a file the user named (via a partial file beside it, renamed
 * over it once verified, from whose size a later GET of the same key resumes).
 */
public sealed interface Destination {
    Key key();

    record ObjectStore(Key key) implements Destination {}

    record File(Key key, String path) implements Destination {}
}
