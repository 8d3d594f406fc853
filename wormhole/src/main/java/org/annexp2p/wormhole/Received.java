package org.annexp2p.wormhole;

import java.nio.file.Path;

/** What a receive produced. */
public sealed interface Received {

    record Text(String text) implements Received {
    }

    /** A complete file, already renamed into place, whose SHA-256 was sent back to the sender. */
    record File(Path path, long size, String sha256, String route) implements Received {
    }
}
