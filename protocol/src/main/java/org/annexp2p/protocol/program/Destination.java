package org.annexp2p.protocol.program;

import org.annexp2p.protocol.key.Key;

/**
 * Where received content goes. Into the repository's object store (via its partial-transfer file, so nothing
 * partial is ever visible as an object), or into a file the user named (which, like git-annex's destination
 * file, holds the partial bytes so a later GET resumes from its size).
 */
public sealed interface Destination {
    Key key();

    record ObjectStore(Key key) implements Destination {}

    record File(Key key, String path) implements Destination {}
}
