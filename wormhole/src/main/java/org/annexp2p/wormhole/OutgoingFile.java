package org.annexp2p.wormhole;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file about to be sent, checked before any code is allocated: a directory or a missing file is the user's
 * mistake ({@link InvalidCodeException}), said before the other side is kept waiting.
 *
 * @param path the file
 * @param size its size now
 */
public record OutgoingFile(Path path, long size) {

    public static OutgoingFile of(Path file) throws InvalidCodeException, IOException {
        if (Files.isDirectory(file)) {
            throw new InvalidCodeException("sending directories is not supported; send a file (e.g. a tar archive)");
        }
        if (!Files.isRegularFile(file)) {
            throw new InvalidCodeException("cannot send " + file + ": no such file");
        }
        return new OutgoingFile(file, Files.size(file));
    }

    /** The name the other side is offered. */
    public String name() {
        return path.getFileName().toString();
    }
}
