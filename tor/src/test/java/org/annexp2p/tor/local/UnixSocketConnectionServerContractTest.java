package org.annexp2p.tor.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.annexp2p.transports.ChannelStreams;
import org.annexp2p.transports.Connection;
import org.annexp2p.transports.contract.ConnectionServerContract;
import org.annexp2p.transports.contract.TransportContract.Fixture;

/**
 * The server contract over a unix socket, the way tor reaches an onion's server (and git-annex's): peers there
 * have no address to tell them apart, so only the overall limits and the deadline hold them back.
 */
class UnixSocketConnectionServerContractTest extends ConnectionServerContract {

    @Override
    protected Fixture openFixture() throws Exception {
        Path dir = Files.createTempDirectory("unix-contract");
        Path socket = dir.resolve("s");
        UnixSocketListener listener = UnixSocketListener.bind(socket);
        return Fixture.of(listener, (address, timeout) -> dial(socket), listener.address(), "unix:" + dir.resolve("none"), () -> {
            listener.close();
            Files.deleteIfExists(dir);
        });
    }

    private static Connection dial(Path socket) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(socket));
        return new Client(channel, ChannelStreams.input(channel), ChannelStreams.output(channel));
    }

    private record Client(SocketChannel channel, InputStream input, OutputStream output) implements Connection {
        @Override
        public void shutdownOutput() throws IOException {
            channel.shutdownOutput();
        }

        @Override
        public String description() {
            return "unix client";
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
