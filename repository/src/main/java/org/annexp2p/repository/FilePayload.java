package org.annexp2p.repository;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Objects;
import org.annexp2p.protocol.program.Payload;
import org.annexp2p.protocol.wire.Len;

/**
 * An object's bytes from an offset, on their way to a peer. Remembers the file's identity, size and mtime when
 * opened so that {@link #unchanged()} can tell, as git-annex's inode-cache check does, whether the file was
 * replaced or modified while it was being sent.
 */
final class FilePayload implements Payload {
    private final Path path;
    private final Object fileKey;
    private final long size;
    private final FileTime modified;
    private final long length;
    private final InputStream stream;

    private FilePayload(Path path, BasicFileAttributes attrs, long length, InputStream stream) {
        this.path = path;
        this.fileKey = attrs.fileKey();
        this.size = attrs.size();
        this.modified = attrs.lastModifiedTime();
        this.length = length;
        this.stream = stream;
    }

    static FilePayload open(Path path, long offset) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        try {
            BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class);
            long start = Math.min(offset, attrs.size());
            ch.position(start);
            long length = attrs.size() - start;
            return new FilePayload(path, attrs, length, new Bounded(ch, length));
        } catch (IOException e) {
            ch.close();
            throw e;
        }
    }

    @Override
    public Len length() {
        return Len.of(length);
    }

    @Override
    public InputStream stream() {
        return stream;
    }

    /** Closes the stream and says whether the file is still the one that was opened, unmodified. */
    boolean unchanged() throws IOException {
        stream.close();
        try {
            BasicFileAttributes now = Files.readAttributes(path, BasicFileAttributes.class);
            return Objects.equals(now.fileKey(), fileKey) && now.size() == size
                    && now.lastModifiedTime().equals(modified);
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /** Gives exactly {@code remaining} bytes, read or transferred, and closes the file as soon as they are out. */
    private static final class Bounded extends FilterInputStream implements FileRegion {
        private final FileChannel channel;
        private long remaining;
        private boolean closed;

        Bounded(FileChannel channel, long remaining) throws IOException {
            super(Channels.newInputStream(channel));
            this.channel = channel;
            this.remaining = remaining;
            if (remaining == 0) {
                close();
            }
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (closed || remaining == 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, remaining));
            if (n < 0) {
                close();
                return -1;
            }
            remaining -= n;
            if (remaining == 0) {
                close();
            }
            return n;
        }

        @Override
        public long sendWith(Sender sender, long max) throws IOException {
            if (closed || remaining == 0) {
                return 0;
            }
            long position = channel.position();
            long n = sender.send(channel, position, Math.min(max, remaining));
            if (n <= 0) {
                close();
                return 0;
            }
            channel.position(position + n);
            remaining -= n;
            if (remaining == 0) {
                close();
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buf = new byte[8192];
            long skipped = 0;
            while (skipped < n) {
                int r = read(buf, 0, (int) Math.min(buf.length, n - skipped));
                if (r < 0) {
                    break;
                }
                skipped += r;
            }
            return skipped;
        }

        @Override
        public int available() throws IOException {
            return closed ? 0 : (int) Math.min(super.available(), remaining);
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                super.close();
            }
        }
    }
}
