package org.annexp2p.transports;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
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
     * A way to send file content that the kernel moves without copying it through our heap (sendfile): over a
     * socket, or over the file descriptor {@link #output()} ends in (a pipe to a command, our own standard output).
     * Its bytes go out in order after what {@link #output()} has flushed, so the caller flushes first and writes
     * nothing else meanwhile; it is valid only while {@link #output()} is open. Empty by default (in memory there
     * is no kernel to hand pages to).
     */
    default Optional<FileSender> fileSender() {
        return Optional.empty();
    }

    /** Half-close: the peer reads end-of-stream, while we can still read what it sends. */
    void shutdownOutput() throws IOException;

    /** Who is on the other end, for logs (e.g. {@code tcp 127.0.0.1:4242}). Never contains secrets. */
    String description();

    /**
     * The peer's IP address, where the transport sees one that tells peers apart (TCP, TLS); empty where it does
     * not (standard streams, a unix socket, connections tor relays to us). A server uses it to limit and slow
     * down one address's unauthenticated connections; it never authenticates anyone.
     */
    default Optional<InetAddress> remoteAddress() {
        return Optional.empty();
    }

    /**
     * Asks to be told, instead of blocking a thread in {@code read}, when reading {@link #input()} would no longer
     * block: bytes arrived, the peer half-closed or went away, reading failed, or the connection was closed here.
     * True: {@code task} runs once, soon after that happens, on a thread of the transport's (it must not block).
     * False: nothing is registered and {@code task} never runs, because reading would not block now (bytes are
     * already waiting, or the stream ended) or the transport cannot tell (the default). One registration at a
     * time, by the connection's only reader, while it is not reading.
     */
    default boolean whenReadable(Runnable task) {
        return false;
    }

    /** Closes both directions. Idempotent; unblocks any thread blocked reading or writing. */
    @Override
    void close();
}
