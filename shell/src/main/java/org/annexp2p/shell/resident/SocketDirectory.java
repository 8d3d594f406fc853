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
import java.util.Optional;

/**
 * Where the resident server listens: D = $XDG_RUNTIME_DIR/annex-p2p (when that is set, non-empty and absolute),
 * else /tmp/annex-p2p-UID; the socket D/shell.sock, the lock D/shell.lock. D must be a directory (not a link) of
 * this user that nobody else may enter: the socket's 0600 alone would leave a window between bind and chmod.
 */
public record SocketDirectory(Path dir, int uid) {
    /** sockaddr_un's sun_path holds 108 bytes, one of them the terminating NUL. */
    static final int MAX_SOCKET_PATH = 107;

    public static SocketDirectory of(Map<String, String> env, int uid) {
        return of(env, uid, TMP);
    }

    /** As {@link #of(Map, int)}, with {@code tmp} for /tmp. */
    public static SocketDirectory of(Map<String, String> env, int uid, Path tmp) {
        String xdg = env.get("XDG_RUNTIME_DIR");
        Path dir = xdg != null && !xdg.isEmpty() && xdg.startsWith("/")
                ? Path.of(xdg, "annex-p2p") : tmp.resolve("annex-p2p-" + Integer.toUnsignedString(uid));
        return new SocketDirectory(dir, uid);
    }

    /** Where systemd puts users' runtime directories (pam_systemd gives ssh sessions XDG_RUNTIME_DIR=/run/user/UID). */
    public static final Path RUN_USER = Path.of("/run/user");
    /** Where a session without XDG_RUNTIME_DIR looks. */
    public static final Path TMP = Path.of("/tmp");

    /** The directory of a session that has no XDG_RUNTIME_DIR. */
    public static SocketDirectory withoutRuntimeDir(int uid, Path tmp) {
        return of(Map.of(), uid, tmp);
    }

    /** The runtime directory systemd makes this user under {@code runUser}: what ssh sessions get as XDG_RUNTIME_DIR. */
    public static Path runtimeDir(Path runUser, int uid) {
        return runUser.resolve(Integer.toUnsignedString(uid));
    }

    /** The directory of a session that systemd gave its runtime directory under {@code runUser}. */
    public static SocketDirectory underRunUser(Path runUser, int uid) {
        return new SocketDirectory(runtimeDir(runUser, uid).resolve("annex-p2p"), uid);
    }

    /**
     * A server started with {@code env} listens in /tmp when XDG_RUNTIME_DIR is unset, but if systemd made this user
     * a runtime directory, ssh sessions get XDG_RUNTIME_DIR pointing there and look there: they would never find it.
     * Says so in one line, or nothing when the two agree.
     */
    public static Optional<String> sessionsLookElsewhere(Map<String, String> env, int uid, Path runUser, Path tmp) {
        SocketDirectory server = of(env, uid, tmp);
        SocketDirectory sessions = underRunUser(runUser, uid);
        if (!server.equals(withoutRuntimeDir(uid, tmp)) || !Files.isDirectory(runtimeDir(runUser, uid))) {
            return Optional.empty();
        }
        return Optional.of("XDG_RUNTIME_DIR is not set, so the server listens on " + server.socket()
                + ", but ssh sessions that systemd gives XDG_RUNTIME_DIR=" + runtimeDir(runUser, uid)
                + " look for " + sessions.socket() + " and will not reach it");
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

    /**
     * Why a server would refuse D as it is now, if it would; none when D passes, or is absent (a server makes it).
     * A socket in a refused directory is never served: systemd's socket unit without DirectoryMode=0700 makes one.
     */
    public Optional<String> refusal() {
        try {
            check();
            return Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(e instanceof Unusable ? e.getMessage() : dir + " cannot be read");
        }
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
