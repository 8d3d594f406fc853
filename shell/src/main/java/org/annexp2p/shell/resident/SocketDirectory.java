package org.annexp2p.shell.resident;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * Where the resident server listens: D = $XDG_RUNTIME_DIR/annex-p2p (when that is set, non-empty and absolute),
 * else /tmp/annex-p2p-UID; the socket D/shell.sock, the lock D/shell.lock. D must be a directory (not a link) of
 * this user that nobody else may enter: the socket's 0600 alone would leave a window between bind and chmod.
 */
public record SocketDirectory(Path dir, int uid) {
    /** sockaddr_un's sun_path holds 108 bytes, one of them the terminating NUL. */
    static final int MAX_SOCKET_PATH = 107;

    public static SocketDirectory of(Map<String, String> env, int uid) {
        String xdg = env.get("XDG_RUNTIME_DIR");
        Path dir = xdg != null && !xdg.isEmpty() && xdg.startsWith("/")
                ? Path.of(xdg, "annex-p2p") : Path.of("/tmp", "annex-p2p-" + Integer.toUnsignedString(uid));
        return new SocketDirectory(dir, uid);
    }

    public Path socket() {
        return dir.resolve("shell.sock");
    }

    public Path lock() {
        return dir.resolve("shell.lock");
    }

    /**
     * Makes D (mode 0700, never its parents) when absent, then checks it; throws {@link Unusable} saying what is
     * wrong in one line.
     */
    public void prepare() throws IOException {
        if (socket().toString().getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_PATH) {
            throw new Unusable("the socket path " + socket() + " is longer than " + MAX_SOCKET_PATH + " bytes");
        }
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (FileAlreadyExistsException e) {
            // Checked below like any existing directory.
        } catch (NoSuchFileException e) {
            throw new Unusable(dir.getParent() + " does not exist (the server makes " + dir.getFileName()
                    + " in it, never the directories above)");
        }
        check();
    }

    /** Refuses D unless lstat says: a directory, ours, no permission for group or others. */
    void check() throws IOException {
        BasicFileAttributes basic = Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (basic.isSymbolicLink()) {
            throw new Unusable(dir + " is a symbolic link, not a private directory of this user");
        }
        if (!basic.isDirectory()) {
            throw new Unusable(dir + " is not a directory");
        }
        Map<String, Object> unix = Files.readAttributes(dir, "unix:uid,mode", LinkOption.NOFOLLOW_LINKS);
        if ((Integer) unix.get("uid") != uid) {
            throw new Unusable(dir + " belongs to another user");
        }
        if (((Integer) unix.get("mode") & 077) != 0) {
            throw new Unusable(dir + " is open to other users (its mode must be 0700)");
        }
    }

    /** The real uid of this process (/proc/self/status: the first of the Uid line's four). */
    public static int realUid() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8)) {
            if (line.startsWith("Uid:")) {
                return Integer.parseUnsignedInt(line.substring(4).trim().split("\\s+")[0]);
            }
        }
        throw new IOException("cannot tell this process's user id from /proc/self/status");
    }

    /** D cannot be used: the message is the one line a user reads. */
    public static final class Unusable extends IOException {
        private static final long serialVersionUID = 1L;

        Unusable(String message) {
            super(message);
        }
    }
}
