package org.annexp2p.testkit.peers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import org.annexp2p.transports.ChannelStreams;
import org.annexp2p.transports.Connection;

/** A client's {@link Connection} to a unix socket, as a peer on this machine (git-annex's remotedaemon) dials one. */
public record UnixSocketConnection(SocketChannel channel, Path socket, InputStream input, OutputStream output)
        implements Connection {

    /** Connects to {@code socket}; reads and writes do not block each other ({@link ChannelStreams}). */
    public static UnixSocketConnection dial(Path socket) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return new UnixSocketConnection(channel, socket, ChannelStreams.input(channel), ChannelStreams.output(channel));
    }

    @Override
    public void shutdownOutput() throws IOException {
        channel.shutdownOutput();
    }

    @Override
    public String description() {
        return "unix " + socket;
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
