package org.annexp2p.repository.creds;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Held while a private file is read, changed and written back, so that a concurrent update is not lost: an
 * exclusive lock on a lock file beside it, which other processes (another annex-p2p) wait for. The operating
 * system grants such a lock to a whole process, and a second channel of the same process asking for it is refused
 * rather than made to wait, so threads of this process first queue on a lock of their own per lock file.
 */
record UpdateLock(ReentrantLock local, FileChannel channel, FileLock held) implements AutoCloseable {
    /** One per lock file this process has updated through: a handful of creds files, never removed. */
    private static final ConcurrentMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    /** Waits until this thread holds {@code lockFile} (created 0600 if missing; a link there is refused). */
    static UpdateLock acquire(Path lockFile) throws IOException {
        ReentrantLock local = IN_PROCESS.computeIfAbsent(lockFile.toAbsolutePath().normalize(), p -> new ReentrantLock());
        try {
            local.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to update " + lockFile);
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(lockFile, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS), PosixFilePermissions.asFileAttribute(PrivateFile.FILE_MODE));
            return new UpdateLock(local, channel, channel.lock());
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            local.unlock();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            held.release();
            channel.close();
        } finally {
            local.unlock();
        }
    }
}
