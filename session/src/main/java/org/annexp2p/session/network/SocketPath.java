package org.annexp2p.session.network;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A unix socket's path must fit {@code sun_path}: {@value #MAX_BYTES} bytes and a NUL. A repository deep enough
 * makes its network sockets' absolute paths longer. git-annex then gives the path relative to where it and the
 * helper run, when that is shorter; we do the same for the helper. Java cannot bind or connect relative to another
 * directory, so we reach a socket whose path is too long through a link to its directory, made in a private
 * temporary directory for that one call and removed after it: the kernel follows the link, the socket file is
 * where git-annex's is.
 */
final class SocketPath {
    static final int MAX_BYTES = 107;

    /** What to do with a path to the socket that fits. */
    @FunctionalInterface
    interface Use<T> {
        T with(Path socket) throws IOException;
    }

    private SocketPath() {}

    static boolean fits(Path path) {
        return bytes(path) <= MAX_BYTES;
    }

    private static int bytes(Path path) {
        return path.toString().getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * The path a helper running in {@code dir} is given for {@code socket}: as git-annex chooses, the shorter of
     * the absolute path and the path relative to {@code dir}. Neither fitting, git-annex cannot listen there
     * either: one line says so.
     */
    static Path forHelperIn(Path dir, Path socket) throws IOException {
        Path absolute = socket.toAbsolutePath().normalize();
        Path relative = dir.toAbsolutePath().normalize().relativize(absolute);
        Path shorter = bytes(absolute) > bytes(relative) ? relative : absolute;
        if (!fits(shorter)) {
            throw new IOException("the unix socket " + absolute + " is " + bytes(shorter) + " bytes long even from "
                    + dir + ", over the " + MAX_BYTES + " a socket's path may have; use a repository with a shorter path");
        }
        return shorter;
    }

    /** Runs {@code use} with {@code socket} itself if its path fits, else through a short link to its directory. */
    static <T> T reaching(Path socket, Use<T> use) throws IOException {
        Path absolute = socket.toAbsolutePath();
        if (fits(absolute)) {
            return use.with(absolute);
        }
        // createTempDirectory makes it 0700: no one else can swap the link between our making and using it.
        Path privateDir = Files.createTempDirectory("annex-p2p-socket");
        Path link = privateDir.resolve("d");
        try {
            Files.createSymbolicLink(link, absolute.getParent());
            Path shortened = link.resolve(absolute.getFileName());
            if (!fits(shortened)) {
                throw new IOException("the unix socket " + absolute + " is longer than the " + MAX_BYTES
                        + " bytes a socket's path may have, and so is " + shortened);
            }
            return use.with(shortened);
        } finally {
            Files.deleteIfExists(link);
            Files.deleteIfExists(privateDir);
        }
    }
}
