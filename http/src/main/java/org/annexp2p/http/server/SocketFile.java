package org.annexp2p.http.server;

import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The unix socket {@code p2phttp --socket PATH} listens on, which only its owner may connect to. The JDK cannot set
 * the umask, so the socket is bound inside a directory only the owner can enter, made 0600 there, and only then
 * renamed to PATH: no one else can connect between its creation and its permissions. A socket at PATH that nothing
 * answers on (left by a server that was killed) is replaced; a socket a server answers on, or anything that is not a
 * socket (a file, a symbolic link), is left alone and refused. The socket is removed when the server stops, if PATH
 * is still the one this server made.
 */
final class SocketFile {
    /** Linux's sun_path holds 108 bytes, the last one the terminating NUL. */
    static final int MAX_BYTES = 107;
    private static final int SOCKET_TYPE = 0170000;
    private static final int SOCKET = 0140000;

    private final Path path;
    private final Path staging;
    private Object installed;

    private SocketFile(Path path, Path staging) {
        this.path = path;
        this.staging = staging;
    }

    /** Checks PATH and makes the private directory the socket is bound in first (beside PATH: a rename cannot cross file systems). */
    static SocketFile claim(Path given) throws IOException {
        Path path = given.toAbsolutePath();
        Path staging = path.resolveSibling(".p2phttp-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(3)));
        int longest = Math.max(bytes(path), bytes(staging.resolve("s")));
        if (longest > MAX_BYTES) {
            // "here": the socket is first bound in the private directory, whose path may be the longer one.
            throw new IOException("cannot listen on unix socket " + given + ": the path is too long for a unix socket ("
                    + bytes(path) + " bytes, at most " + (bytes(path) - (longest - MAX_BYTES)) + " here)");
        }
        refuseUnlessStale(path, given);
        Files.createDirectory(staging, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        return new SocketFile(path, staging);
    }

    /** Where to bind: inside the private directory. */
    UnixDomainSocketAddress staged() {
        return UnixDomainSocketAddress.of(staging.resolve("s"));
    }

    UnixDomainSocketAddress address() {
        return UnixDomainSocketAddress.of(path);
    }

    /** Once bound: owner-only, then into place (a rename, which replaces a stale socket at once). */
    void install() throws IOException {
        Path bound = staging.resolve("s");
        Files.setPosixFilePermissions(bound, PosixFilePermissions.fromString("rw-------"));
        Files.move(bound, path, StandardCopyOption.ATOMIC_MOVE);
        installed = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        Files.delete(staging);
    }

    /** Removes what this server made and is still there; quietly, as the server is stopping anyway. */
    void remove() {
        try {
            Files.deleteIfExists(staging.resolve("s"));
            Files.deleteIfExists(staging);
            if (installed != null && Objects.equals(installed,
                    Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey())) {
                Files.delete(path);
            }
        } catch (IOException e) {
            // Already gone, or replaced by someone else's: either way not ours to remove.
        }
    }

    private static void refuseUnlessStale(Path path, Path given) throws IOException {
        int mode;
        try {
            mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return;
        }
        if ((mode & SOCKET_TYPE) != SOCKET) {
            throw new IOException("cannot listen on unix socket " + given + ": something that is not a socket is there");
        }
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(path));
        } catch (ConnectException refused) {
            return;
        } catch (IOException e) {
            throw new IOException("cannot listen on unix socket " + given + ": a socket is there and cannot be checked: " + e.getMessage());
        }
        throw new IOException("cannot listen on unix socket " + given + ": a server is listening there");
    }

    private static int bytes(Path p) {
        return p.toString().getBytes(StandardCharsets.UTF_8).length;
    }
}
