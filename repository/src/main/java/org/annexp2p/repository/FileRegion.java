package org.annexp2p.repository;

import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * A payload stream whose bytes are a stretch of a file. A sender whose connection can take a file's pages from the
 * kernel (sendfile, to a pipe or socket) hands them over instead of reading them into the heap and writing them
 * out again.
 */
public interface FileRegion {

    /** Where the bytes go: sends up to {@code count} of {@code file}'s bytes from {@code position}, returns how many went. */
    @FunctionalInterface
    interface Sender {
        long send(FileChannel file, long position, long count) throws IOException;
    }

    /**
     * Sends up to {@code max} of the bytes not yet read or sent through {@code sender}, moving past them.
     *
     * @return how many went; 0 only when none remain (the file may have shrunk under us)
     */
    long sendWith(Sender sender, long max) throws IOException;
}
