package org.annexp2p.tor.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.annexp2p.transports.ChannelStreams;
import org.annexp2p.transports.Connection;
import org.annexp2p.transports.Listener;

/**
 * A listener on a unix socket, the way git-annex lets tor reach its server ({@code HiddenServicePort ...
 * unix:PATH}). Unlike a loopback port, the directory's permissions decide who may connect. A stale socket
 * file left by a crash is replaced; the file is removed on close.
 */
public final class UnixSocketListener implements Listener {

    private final Path path;
    private final ServerSocketChannel server;

    private UnixSocketListener(Path path, ServerSocketChannel server) {
        this.path = path;
        this.server = server;
    }

    public static UnixSocketListener bind(Path path) throws IOException {
        Path absolute = path.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        // a socket file cannot be bound twice; one left by a crashed process is just a name
        Files.deleteIfExists(absolute);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(absolute));
        } catch (IOException e) {
            server.close();
            throw new IOException("cannot listen on unix socket " + absolute + " (" + e.getMessage() + ")", e);
        }
        return new UnixSocketListener(absolute, server);
    }

    public Path path() {
        return path;
    }

    @Override
    public Connection accept() throws IOException {
        return new UnixConnection(server.accept(), path);
    }

    @Override
    public String address() {
        return "unix:" + path;
    }

    @Override
    public void close() {
        try {
            server.close();
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // already closed or removed
        }
    }

    private record UnixConnection(SocketChannel channel, Path path, InputStream input, OutputStream output)
            implements Connection {
        UnixConnection(SocketChannel channel, Path path) {
            this(channel, path, ChannelStreams.input(channel), ChannelStreams.output(channel));
        }

        @Override
        public void shutdownOutput() throws IOException {
            channel.shutdownOutput();
        }

        @Override
        public String description() {
            return "unix " + path;
        }

        @Override
        public void close() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing is best effort
            }
        }
    }
}
