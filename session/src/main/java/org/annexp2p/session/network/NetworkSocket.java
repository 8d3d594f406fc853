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

/**
 * The unix socket git-annex's remotedaemon listens on for one network address: {@code .git/annex/p2p/MD5} where
 * MD5 is the hex MD5 of {@code NETNAME:ADDRESS} (a hash, because socket paths are short). Ours is the same file,
 * so a helper set up for git-annex finds us where it found git-annex.
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
    static UnixSocketListener listen(Path socket) throws IOException {
        Path dir = socket.getParent();
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        if (Files.exists(socket) && answers(socket)) {
            throw new IOException("another server is already listening on " + socket);
        }
        UnixSocketListener listener = UnixSocketListener.bind(socket);
        try {
            Files.setPosixFilePermissions(listener.path(), PosixFilePermissions.fromString("rw-------"));
        } catch (IOException | RuntimeException e) {
            listener.close();
            throw e;
        }
        return listener;
    }

    private static boolean answers(Path socket) {
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            return probe.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            return false;
        }
    }
}
