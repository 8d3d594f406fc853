package org.annexp2p.repository.creds;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * A file only its owner may read: every file in the creds directory (see {@link CredsDir#file}) and the few other
 * private files the tool keeps, all read and written through this class alone. A file is read only
 * if it is a regular file that no one but its owner may access; it is written whole to a fresh 0600 file of its own,
 * forced to disk, renamed over the old one and the directory forced too, so a crash leaves either the old content
 * or the new, never a part, and two writers never share a temporary file. A read-change-write goes through
 * {@link #update}, which holds a lock across all three so that two updaters (threads or processes) both count.
 */
public final class PrivateFile {
    static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> GROUP_OR_OTHER = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private final Path dir;
    private final String name;

    /** The private file {@code name} in {@code dir} (made 0700 when first written to). */
    public static PrivateFile in(Path dir, String name) {
        return new PrivateFile(dir, name);
    }

    private PrivateFile(Path dir, String name) {
        if (name.isEmpty() || name.startsWith(".") || name.contains("/") || name.contains("\0")) {
            // Names come from code and from onion addresses; none may leave the directory or hide as a temp file.
            throw new IllegalArgumentException("not a private file name: " + name);
        }
        this.dir = dir;
        this.name = name;
    }

    /** Where the file is, for messages and for tools (tor) that must be given a path. */
    public Path path() {
        return dir.resolve(name);
    }

    /** The content; empty if the file does not exist. Refuses a link, a non-file, or a file others may access. */
    public Optional<byte[]> read() throws IOException {
        Path file = path();
        Set<PosixFilePermission> perms;
        try {
            perms = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (UnsupportedOperationException e) {
            perms = FILE_MODE;
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("refusing to read " + file + ": not a regular file");
        }
        if (othersMayAccess(perms)) {
            throw new IOException("refusing to read " + file + ": group or others may access it (mode "
                    + PosixFilePermissions.toString(perms) + "); run chmod 600 " + file);
        }
        return Optional.of(Files.readAllBytes(file));
    }

    /** Whether a file of mode {@code perms} is one {@link #read()} refuses: group or others may access it. */
    static boolean othersMayAccess(Set<PosixFilePermission> perms) {
        return perms.stream().anyMatch(GROUP_OR_OTHER::contains);
    }

    /** {@link #read()} as UTF-8 text. */
    public Optional<String> readText() throws IOException {
        return read().map(b -> new String(b, StandardCharsets.UTF_8));
    }

    /** Replaces the content atomically and durably; see the class comment. */
    public void write(byte[] content) throws IOException {
        ensureDir();
        Path tmp = Files.createTempFile(dir, "." + name + ".", ".tmp", PosixFilePermissions.asFileAttribute(FILE_MODE));
        try {
            // The umask can only take bits away; set the mode anyway in case the filesystem ignored it.
            Files.setPosixFilePermissions(tmp, FILE_MODE);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    ch.write(buffer);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, path(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot replace " + path() + " atomically: " + e.getMessage(), e);
            }
            forceDir();
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** {@link #write(byte[])} of UTF-8 text. */
    public void writeText(String content) throws IOException {
        write(content.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * {@link #writeText} if no file of this name exists yet, else nothing: whether this call made the file. Among
     * several writers (threads or processes) exactly one claims a free name, without a lock.
     */
    public boolean createText(String content) throws IOException {
        ensureDir();
        try {
            Files.createFile(path(), PosixFilePermissions.asFileAttribute(FILE_MODE));
        } catch (FileAlreadyExistsException e) {
            return false;
        }
        writeText(content);
        return true;
    }

    /** A change to a file's text: the new text, or empty to leave the file as it is. */
    @FunctionalInterface
    public interface Change {
        Optional<String> apply(Optional<String> current) throws IOException;
    }

    /**
     * Reads the text, applies {@code change} and writes its result, holding the lock file {@code .NAME.lck} beside
     * the file throughout: an update made meanwhile by another thread or process waits, and is not lost.
     */
    public void update(Change change) throws IOException {
        ensureDir();
        try (UpdateLock held = UpdateLock.acquire(dir.resolve("." + name + ".lck"))) {
            Optional<String> next = change.apply(readText());
            if (next.isPresent()) {
                writeText(next.get());
            }
        }
    }

    /** Removes the file if it is there. */
    public void delete() throws IOException {
        Files.deleteIfExists(path());
        forceDir();
    }

    private void ensureDir() throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(dir.getParent());
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIR_MODE));
            } catch (FileAlreadyExistsException e) {
                // Made meanwhile by someone else; its mode is corrected below.
            }
        }
        if (!Files.getPosixFilePermissions(dir).equals(DIR_MODE)) {
            Files.setPosixFilePermissions(dir, DIR_MODE);
        }
    }

    /** The rename is durable only once the directory's entry is on disk. */
    private void forceDir() throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (NoSuchFileException e) {
            // Nothing was ever written here.
        }
    }

    @Override
    public String toString() {
        return path().toString();
    }
}
