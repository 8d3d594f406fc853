package org.annexp2p.repository;

import io.vavr.control.Option;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Content locks the way a v10 git-annex repository takes them: a POSIX record lock on
 * {@code <object>.lck} next to the object — shared to keep content, exclusive to remove it — so that
 * git-annex's own drop and our REMOVE both respect a lock held by either. POSIX locks belong to the process,
 * and Java refuses overlapping locks within one JVM, so in-process holders are counted here and only the first
 * takes the file lock. One instance per repository per JVM.
 */
final class ContentLockFiles {

    interface Removal {
        void run() throws IOException;
    }

    private static final class Held {
        final FileChannel channel;
        final FileLock lock;
        int holders;

        Held(FileChannel channel, FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }
    }

    private final Map<Path, Held> held = new HashMap<>();

    static Path lockFileOf(Path object) {
        return object.resolveSibling(object.getFileName() + ".lck");
    }

    /**
     * A shared lock keeping {@code object}: the lock file to hand back to {@link #unlockShared}, or none if the
     * object is absent or someone is removing it.
     */
    synchronized Option<Path> lockShared(Path object) throws IOException {
        if (!Files.exists(object)) {
            return Option.none();
        }
        Path lck = lockFileOf(object.toRealPath());
        Held h = held.get(lck);
        if (h != null) {
            h.holders++;
            return Option.some(lck);
        }
        Opened o = open(lck);
        FileLock lock = tryLock(o.channel, true);
        if (lock == null || !o.stillNamed(lck) || !Files.exists(object)) {
            if (lock != null) {
                lock.release();
            }
            o.channel.close();
            return Option.none();
        }
        Held fresh = new Held(o.channel, lock);
        fresh.holders = 1;
        held.put(lck, fresh);
        return Option.some(lck);
    }

    synchronized void unlockShared(Path lck) throws IOException {
        Held h = held.get(lck);
        if (h == null || --h.holders > 0) {
            return;
        }
        held.remove(lck);
        try (FileChannel ch = h.channel) {
            h.lock.release();
            // Like git-annex: the last sharer (the one that can take it exclusively) deletes the lock file.
            FileLock exclusive = tryLock(ch, false);
            if (exclusive != null) {
                deleteLockFile(lck);
                exclusive.release();
            }
        }
    }

    /**
     * Removes {@code object} under an exclusive lock if nobody holds it and {@code allowed} still says yes.
     * True if the object is absent afterwards.
     */
    synchronized boolean removeUnlocked(Path object, BooleanSupplier allowed, Removal removal) throws IOException {
        if (!Files.exists(object)) {
            return true;
        }
        Path lck = lockFileOf(object.toRealPath());
        if (held.containsKey(lck)) {
            return false;
        }
        Opened o = open(lck);
        try (FileChannel ch = o.channel) {
            FileLock lock = tryLock(ch, false);
            if (lock == null) {
                return false;
            }
            try {
                if (!o.stillNamed(lck) || !allowed.getAsBoolean()) {
                    return false;
                }
                removal.run();
                return true;
            } finally {
                deleteLockFile(lck);
                lock.release();
            }
        }
    }

    /**
     * Changes to content directories (thawing one to add or remove a file, freezing it again) made by anyone
     * holding this object's monitor cannot undo each other's thaw midway.
     */
    synchronized <T> T inContentDirectories(Freezing.DirAction<T> action) throws IOException {
        return action.run();
    }

    /** A lock, or null if taken elsewhere. Keys are real paths, so one JVM never locks the same file twice. */
    private static FileLock tryLock(FileChannel ch, boolean shared) throws IOException {
        try {
            return ch.tryLock(0, Long.MAX_VALUE, shared);
        } catch (java.nio.channels.OverlappingFileLockException e) {
            return null;
        }
    }

    private record Opened(FileChannel channel, Object fileKey) {
        /** The lock file we hold is still the one at that name: another process may have deleted it meanwhile. */
        boolean stillNamed(Path lck) throws IOException {
            try {
                return Objects.equals(fileKey,
                        Files.readAttributes(lck, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey());
            } catch (NoSuchFileException e) {
                return false;
            }
        }
    }

    private static Opened open(Path lck) throws IOException {
        return Freezing.inThawed(lck.getParent(), () -> {
            FileChannel ch = FileChannel.open(lck, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            try {
                return new Opened(ch, Files.readAttributes(lck, BasicFileAttributes.class).fileKey());
            } catch (IOException e) {
                ch.close();
                throw e;
            }
        });
    }

    private static void deleteLockFile(Path lck) throws IOException {
        if (Files.isDirectory(lck.getParent())) {
            Freezing.inThawed(lck.getParent(), () -> Files.deleteIfExists(lck));
        }
    }
}
