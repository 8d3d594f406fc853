package org.annexp2p.transports.tcp;

import io.netty.channel.FileRegion;
import io.netty.util.AbstractReferenceCounted;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A stretch of a file the sender still owns, for Netty to sendfile to the socket. Unlike Netty's
 * {@code DefaultFileRegion} it never closes the file: the sender goes on reading it after this slice is sent.
 */
public final class FileSlice extends AbstractReferenceCounted implements FileRegion {
    private final FileChannel file;
    private final long position;
    private final long count;
    /** Written by the event loop; read by a sender that waits while the slice makes progress. */
    private volatile long transferred;

    public FileSlice(FileChannel file, long position, long count) {
        this.file = file;
        this.position = position;
        this.count = count;
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public long count() {
        return count;
    }

    @Override
    public long transferred() {
        return transferred;
    }

    @Override
    @Deprecated
    public long transfered() {
        return transferred;
    }

    @Override
    public long transferTo(WritableByteChannel target, long offset) throws IOException {
        long left = count - offset;
        if (offset < 0 || left < 0) {
            throw new IllegalArgumentException("offset " + offset + " outside a slice of " + count + " bytes");
        }
        if (left == 0) {
            return 0;
        }
        long n = file.transferTo(position + offset, left, target);
        if (n > 0) {
            transferred += n;
        } else if (file.size() < position + count) {
            // Without this, a file cut short under us would have the event loop retry forever.
            throw new IOException("the file shrank to " + file.size() + " bytes while " + (position + count) + " were being sent");
        }
        return n;
    }

    @Override
    public FileSlice retain() {
        super.retain();
        return this;
    }

    @Override
    public FileSlice retain(int increment) {
        super.retain(increment);
        return this;
    }

    @Override
    public FileSlice touch() {
        return this;
    }

    @Override
    public FileSlice touch(Object hint) {
        return this;
    }

    @Override
    protected void deallocate() {
        // Borrowed: whoever handed the file over closes it.
    }
}
