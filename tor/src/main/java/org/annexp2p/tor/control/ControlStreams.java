package org.annexp2p.tor.control;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * The raw byte streams of one control connection. Unix sockets go through a {@link SocketChannel} with our own
 * stream adapters: on Java 17 the {@code Channels.newInputStream/newOutputStream} pair shares one lock, so a
 * blocked read (jtorctl's parse thread) would block every write.
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
            return new ControlStreams(new ChannelInput(ch), new ChannelOutput(ch), ch);
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

    private static final class ChannelInput extends InputStream {
        private final SocketChannel ch;

        ChannelInput(SocketChannel ch) {
            this.ch = ch;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            return ch.read(ByteBuffer.wrap(b, off, len));
        }
    }

    private static final class ChannelOutput extends OutputStream {
        private final SocketChannel ch;

        ChannelOutput(SocketChannel ch) {
            this.ch = ch;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            ByteBuffer buf = ByteBuffer.wrap(b, off, len);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
        }
    }
}
