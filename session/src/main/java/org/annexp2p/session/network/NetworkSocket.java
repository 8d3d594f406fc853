package org.annexp2p.session.network;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.annexp2p.session.plugin.net.NetworkAddress;
import org.annexp2p.tor.local.UnixSocketListener;
import org.annexp2p.transports.Connection;
import org.annexp2p.transports.Listener;

/**
 * The unix socket git-annex's remotedaemon listens on for one network address: {@code .git/annex/p2p/MD5} where
 * MD5 is the hex MD5 of {@code NETNAME:ADDRESS} (a hash, because socket paths are short). Ours is the same file,
 * so a helper set up for git-annex finds us where it found git-annex, however deep the repository
 * ({@link SocketPath}).
 */
final class NetworkSocket {
    private NetworkSocket() {}

    /** The socket's path for {@code address} under the annex directory {@code annexDir}. */
    static Path of(Path annexDir, NetworkAddress address) {
        try {
            byte[] md5 = MessageDigest.getInstance("MD5").digest(address.credsName().getBytes(StandardCharsets.UTF_8));
            return annexDir.resolve("p2p").resolve(HexFormat.of().formatHex(md5));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has MD5", e);
        }
    }

    /**
     * Listens at {@code socket}: its directory 0700 (only we may connect), the socket 0600. A socket file left by
     * a serve that was killed is replaced; one that a running server answers on is not taken from it.
     */
    static Listener listen(Path socket) throws IOException {
        Path absolute = socket.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        if (Files.exists(absolute) && answers(absolute)) {
            throw new IOException("another server is already listening on " + absolute);
        }
        Bound listener = new Bound(SocketPath.reaching(absolute, UnixSocketListener::bind), absolute);
        try {
            Files.setPosixFilePermissions(absolute, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException | RuntimeException e) {
            listener.close();
            throw e;
        }
        return listener;
    }

    /** Whether a server answers on {@code socket}. */
    static boolean answers(Path socket) {
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            return SocketPath.reaching(socket, s -> probe.connect(UnixDomainSocketAddress.of(s)));
        } catch (IOException e) {
            return false;
        }
    }

    /** A listener bound at {@code path}, perhaps through a link now gone: closing removes the socket file itself. */
    private record Bound(UnixSocketListener bound, Path path) implements Listener {
        @Override
        public Connection accept() throws IOException {
            return bound.accept();
        }

        @Override
        public String address() {
            return "unix:" + path;
        }

        @Override
        public void close() {
            bound.close();
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // removed already, or its directory is gone: nothing is left to clean
            }
        }
    }
}
