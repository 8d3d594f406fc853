package org.annexp2p.transports;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;

/**
 * Where a connection takes a file's bytes without copying them through our heap: the kernel moves them from the
 * page cache to the pipe or socket (sendfile). See {@link Connection#fileSender()}.
 */
@FunctionalInterface
public interface FileSender {

    /**
     * Sends up to {@code count} bytes of {@code file} from {@code position} (the file's own position is left
     * alone), blocking until they are handed on; bytes written to the connection's stream before must be flushed.
     *
     * @return how many went; 0 only when the file has nothing at {@code position}
     */
    long send(FileChannel file, long position, long count) throws IOException;

    /** Sending to a blocking channel over one file descriptor (a pipe): {@code FileChannel.transferTo}. */
    static FileSender to(WritableByteChannel descriptor) {
        return (file, position, count) -> file.transferTo(position, count, descriptor);
    }
}
