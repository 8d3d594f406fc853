package org.annexp2p.repository;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import org.annexp2p.protocol.key.Key;

/**
 * Content bound for a file the user named ({@code get KEY OUTFILE}). Until it is verified it is kept beside that
 * file under a hidden partial name of its own — {@code .OUTFILE.<key digest>.annex-p2p-partial} — so that a
 * dropped connection never leaves unverified bytes under the name the user asked for, and a later get of the same
 * key (never of another one) resumes from it. Verified bytes are synced and renamed over OUTFILE in one step; bad
 * ones are deleted and OUTFILE stays as it was.
 *
 * <p>The directory may be shared (/tmp): the partial file is created 0600 and never through a symbolic link, and
 * one found there is resumed only if it is a regular file of our own with no other name.
 */
final class OutputFileCopy implements PartialCopy {
    static final String SUFFIX = ".annex-p2p-partial";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    /** A file name longer than this many bytes is refused by Linux file systems. */
    private static final int NAME_MAX = 255;

    private final Path target;
    private final Path partial;

    private OutputFileCopy(Path target, Path partial) {
        this.target = target;
        this.partial = partial;
    }

    static OutputFileCopy of(Key key, Path target) {
        Path t = target.toAbsolutePath().normalize();
        return new OutputFileCopy(t, partialPath(key, t));
    }

    /** Where partial content of {@code key} bound for {@code target} waits. */
    static Path partialPath(Key key, Path target) {
        String name = target.getFileName().toString();
        String keyPart = digest(key.serialize()).substring(0, 16);
        String partialName = "." + name + "." + keyPart + SUFFIX;
        if (partialName.getBytes(StandardCharsets.UTF_8).length > NAME_MAX) {
            partialName = "." + digest(name).substring(0, 16) + "." + keyPart + SUFFIX;
        }
        return target.resolveSibling(partialName);
    }

    Path partial() {
        return partial;
    }

    @Override
    public long size() throws IOException {
        Map<String, Object> a = attributes();
        if (a == null) {
            return 0;
        }
        requireOwn(a);
        return (Long) a.get("size");
    }

    @Override
    public OutputStream appendAt(long offset) throws IOException {
        FileChannel ch = PartialCopy.appendingAt(attributes() == null ? create() : openOwn(), offset);
        return new BufferedOutputStream(Channels.newOutputStream(ch), 64 * 1024);
    }

    private FileChannel create() throws IOException {
        Files.createDirectories(partial.getParent());
        try {
            // O_EXCL: fails on anything already there, a symbolic link planted since we looked included.
            return FileChannel.open(partial, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (FileAlreadyExistsException e) {
            throw new IOException("refusing to write " + partial + ": it appeared while the download started");
        }
    }

    private FileChannel openOwn() throws IOException {
        requireOwn(attributes());
        Set<OpenOption> options = Set.of(StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        FileChannel ch = FileChannel.open(partial, options);
        // Ours, so we may correct a mode someone widened.
        chmod(partial, OWNER_ONLY);
        return ch;
    }

    @Override
    public InputStream read() throws IOException {
        Map<String, Object> a = attributes();
        if (a == null) {
            return InputStream.nullInputStream();
        }
        requireOwn(a);
        return Files.newInputStream(partial, LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public void discard() throws IOException {
        Files.deleteIfExists(partial);
    }

    @Override
    public void complete() throws IOException {
        requireOwn(attributes());
        try (FileChannel ch = FileChannel.open(partial, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            ch.force(true);
        }
        chmod(partial, finalMode());
        // rename(2): replaces OUTFILE (a symbolic link there is replaced, never followed) in one step.
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Fsync.directory(target.getParent());
    }

    /** Best effort: some file systems (vfat) have no modes to set, and refuse. */
    private static void chmod(Path file, Set<PosixFilePermission> mode) {
        try {
            Files.setPosixFilePermissions(file, mode);
        } catch (IOException | UnsupportedOperationException e) {
            // The file keeps the mode its file system gives it.
        }
    }

    /** OUTFILE's own mode if it existed; else what a new file gets under our umask. */
    private Set<PosixFilePermission> finalMode() throws IOException {
        if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            return Files.getPosixFilePermissions(target, LinkOption.NOFOLLOW_LINKS);
        }
        int umask = ThisProcess.umask().orElse(0077);
        Set<PosixFilePermission> mode = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = {PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        int[] values = {0002, 0004, 0020, 0040, 0200, 0400};
        for (int i = 0; i < bits.length; i++) {
            if ((umask & values[i]) == 0) {
                mode.add(bits[i]);
            }
        }
        mode.add(PosixFilePermission.OWNER_READ);
        mode.add(PosixFilePermission.OWNER_WRITE);
        return mode;
    }

    /** The partial file's attributes, not following a link; null if there is none. */
    private Map<String, Object> attributes() throws IOException {
        try {
            return Files.readAttributes(partial, "unix:size,uid,nlink,isRegularFile", LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private void requireOwn(Map<String, Object> a) throws IOException {
        if (a == null) {
            throw new NoSuchFileException(partial.toString());
        }
        if (!Boolean.TRUE.equals(a.get("isRegularFile"))) {
            throw new IOException("refusing to use " + partial + ": not a regular file (remove it to download again)");
        }
        Integer own = ThisProcess.uid();
        if (own != null && !own.equals(a.get("uid"))) {
            throw new IOException("refusing to use " + partial + ": another user owns it (remove it to download again)");
        }
        if (((Number) a.get("nlink")).intValue() != 1) {
            throw new IOException("refusing to use " + partial + ": it has other names (remove it to download again)");
        }
    }

    private static String digest(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
