package org.annexp2p.tor.control;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import org.annexp2p.transports.ChannelStreams;

/**
 * The raw byte streams of one control connection; a unix socket goes through {@link ChannelStreams}, since
 * jtorctl's parse thread blocks in read while commands are written.
 */
record ControlStreams(InputStream input, OutputStream output, Closeable closer) implements Closeable {

    static ControlStreams connect(ControlEndpoint endpoint, Duration timeout) throws IOException {
        if (endpoint instanceof ControlEndpoint.Tcp tcp) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(tcp.host(), tcp.port()), (int) Math.max(1, timeout.toMillis()));
                return new ControlStreams(socket.getInputStream(), socket.getOutputStream(), socket);
            } catch (IOException e) {
                socket.close();
                throw e;
            }
        }
        ControlEndpoint.Unix unix = (ControlEndpoint.Unix) endpoint;
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            // connecting a unix socket does not block on the network, so no separate connect timeout is needed
            ch.connect(UnixDomainSocketAddress.of(unix.path()));
            return new ControlStreams(ChannelStreams.input(ch), ChannelStreams.output(ch), ch);
        } catch (IOException e) {
            ch.close();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            closer.close();
        } catch (IOException ignored) {
            // closing is best effort; the peer sees end-of-stream either way
        }
    }
}
