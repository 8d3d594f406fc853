package org.annexp2p.repository;

import java.io.IOException;
import java.nio.channels.WritableByteChannel;

/**
 * A payload stream whose bytes are a stretch of a file. A sender whose connection ends in a file descriptor moves
 * them with {@code FileChannel.transferTo} (sendfile: the kernel hands pages to the pipe or socket) instead of
 * reading them into the heap and writing them out again.
 */
public interface FileRegion {

    /**
     * Sends up to {@code max} of the bytes not yet read or transferred to {@code target}, moving past them.
     *
     * @return how many went; 0 only when none remain (the file may have shrunk under us)
     */
    long transferTo(WritableByteChannel target, long max) throws IOException;
}
