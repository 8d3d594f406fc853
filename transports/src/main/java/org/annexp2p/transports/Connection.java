package org.annexp2p.transports;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.WritableByteChannel;
import java.util.Optional;

/**
 * A reliable, ordered, bidirectional byte stream to one peer.
 *
 * <p>Protocol interpreters are plain blocking loops, so every transport (in-memory, TCP, stdio, a spawned
 * command, Tor) is seen through blocking streams. Implementations must give backpressure: a write blocks
 * while the peer is not reading, so a slow peer never makes us buffer a whole file.
 */
public interface Connection extends Closeable {

    /** Bytes from the peer; {@code read} returns -1 once the peer has half-closed or gone. */
    InputStream input();

    /** Bytes to the peer; {@code flush} pushes buffered bytes onto the wire. */
    OutputStream output();

    /**
     * The file descriptor {@link #output()} ends in, where there is one (a pipe to a command, our own standard
     * output), as a blocking channel. A sender may hand file content to it with {@code FileChannel.transferTo}, which the kernel then
     * moves without copying it through our heap (sendfile). Bytes written here go out at once, so the caller
     * flushes {@link #output()} first and writes nothing else meanwhile; it is valid only while {@link #output()}
     * is open. Empty by default: most transports are not one descriptor.
     */
    default Optional<WritableByteChannel> directOutput() {
        return Optional.empty();
    }

    /** Half-close: the peer reads end-of-stream, while we can still read what it sends. */
    void shutdownOutput() throws IOException;

    /** Who is on the other end, for logs (e.g. {@code tcp 127.0.0.1:4242}). Never contains secrets. */
    String description();

    /** Closes both directions. Idempotent; unblocks any thread blocked reading or writing. */
    @Override
    void close();
}
