package org.annexp2p.shell.resident;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Objects;
import org.annexp2p.transports.ChannelStreams;

/**
 * One client's socket as streams. Reads through {@link ChannelStreams}, whose reads do not hold the lock writes
 * take, so the session's output never waits for the client's next input frame.
 * Frames are written whole under one lock, so stdout, stderr and the exit status never interleave inside a frame.
 */
final class ClientChannel {
    private final SocketChannel channel;
    private final InputStream in;
    private volatile boolean failed;

    ClientChannel(SocketChannel channel) {
        this.channel = channel;
        this.in = new java.io.BufferedInputStream(ChannelStreams.input(channel), 64 * 1024);
    }

    InputStream input() {
        return in;
    }

    synchronized void send(Frame frame) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(FrameCodec.encode(frame));
        try {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        } catch (IOException e) {
            failed = true;
            throw e;
        }
    }

    /** Whether a frame could not be sent: the session's output is incomplete, so no 'X' may follow it. */
    boolean failed() {
        return failed;
    }

    /** An unbuffered stream whose every write is sent as frames of {@code kind} ('O' or 'R'); close does not close the socket. */
    OutputStream frames(java.util.function.Function<byte[], Frame> kind) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                Objects.checkFromIndexSize(off, len, b.length);
                for (int at = off; at < off + len; at += Frame.MAX_PAYLOAD) {
                    int n = Math.min(Frame.MAX_PAYLOAD, off + len - at);
                    send(kind.apply(java.util.Arrays.copyOfRange(b, at, at + n)));
                }
            }
        };
    }

    /** The client reads end of stream; it may still write. */
    void shutdownOutput() throws IOException {
        channel.shutdownOutput();
    }

    void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing is the last thing done with a client; nothing is left to recover.
        }
    }
}
