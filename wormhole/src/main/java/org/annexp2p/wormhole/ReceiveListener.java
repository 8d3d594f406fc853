package org.annexp2p.wormhole;

import java.nio.file.Path;
import java.util.Optional;

/** Decisions and callbacks while receiving. Called on the receiving thread. */
public interface ReceiveListener {

    /** After the key is confirmed; return false to abandon. */
    default boolean verify(String verifier) {
        return true;
    }

    /** Where to store an offered file, or empty to refuse it. The path must not exist yet. */
    Optional<Path> acceptFile(IncomingFile offer);

    default void transitConnected(String route) {
    }

    default void progress(long done, long total) {
    }

    /** What the sender offers: its file name (never trusted as a path) and announced size. */
    record IncomingFile(String name, long size) {
    }
}
