package org.annexp2p.shell.resident;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import org.annexp2p.transports.ShownDuration;

/**
 * Whether a shell server serves on a directory's socket, asked as a session asks: a request with no command line,
 * which a server refuses ('B') without running anything. A connection alone says too little: the socket of a systemd
 * socket unit accepts every connection whether or not its service starts, and sessions sent there would each wait
 * out the forwarder's bound and then start a JVM of their own. The probe connects only into a directory that passes
 * the server's own checks (a listener anywhere else is not our server, and may be another user's), never blocks
 * on connecting, and waits at most its bound for the answer.
 */
public final class AnswerProbe {
    private AnswerProbe() {
    }

    /** What the probe found. */
    public sealed interface Result {
        /** A server answered the request. */
        record Served() implements Result {}

        /** Nothing accepts connections there (no socket, a stale one, or a directory the server would refuse). */
        record Nobody() implements Result {}

        /** Something accepted the connection and then did not answer as a server does. */
        record Silent(String why) implements Result {}
    }

    public static Result ask(SocketDirectory directory, Duration bound) {
        try {
            directory.check();
        } catch (IOException | RuntimeException e) {
            return new Result.Nobody();
        }
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX); Selector selector = Selector.open()) {
            channel.configureBlocking(false);
            try {
                if (!channel.connect(UnixDomainSocketAddress.of(directory.socket())) && !channel.finishConnect()) {
                    return new Result.Nobody();
                }
            } catch (IOException e) {
                return new Result.Nobody();
            }
            ByteBuffer request = ByteBuffer.wrap(request());
            // A few dozen bytes: they fit in the socket's buffer whether or not anything reads them yet.
            channel.write(request);
            if (request.hasRemaining()) {
                return new Result.Silent("it did not take a request of " + request.capacity() + " bytes");
            }
            channel.register(selector, SelectionKey.OP_READ);
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(1024);
            long end = System.nanoTime() + bound.toNanos();
            while (true) {
                FrameCodec.Decoded answer = complete(got.toByteArray());
                if (answer instanceof FrameCodec.Decoded.Read r) {
                    return r.frame() instanceof Frame.Busy || r.frame() instanceof Frame.Started ? new Result.Served()
                            : new Result.Silent("it answered with a '" + r.frame().type() + "' frame");
                }
                if (answer != null) {
                    return new Result.Silent("its answer is not a frame");
                }
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return new Result.Silent("no answer within " + ShownDuration.of(bound));
                }
                selector.select(Math.max(1, left / 1_000_000));
                selector.selectedKeys().clear();
                int n = channel.read(buffer.clear());
                if (n < 0) {
                    return new Result.Silent("it closed the connection without an answer");
                }
                got.write(buffer.array(), 0, n);
                if (got.size() > 5 + Frame.MAX_PAYLOAD) {
                    return new Result.Silent("its answer is not a frame");
                }
            }
        } catch (IOException e) {
            // A peer that closes with the request unread resets the connection: the same unanswered close.
            return new Result.Silent("it closed the connection without an answer");
        }
    }

    /** Hello, the directory /, Go: a request with no command line, which no server runs. */
    private static byte[] request() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(FrameCodec.encode(new Frame.Hello(Frame.VERSION)));
        out.writeBytes(FrameCodec.encode(new Frame.Directory("/")));
        out.writeBytes(FrameCodec.encode(new Frame.Go()));
        return out.toByteArray();
    }

    /** The first frame of {@code bytes} once all of it has arrived; null before. */
    private static FrameCodec.Decoded complete(byte[] bytes) throws IOException {
        if (bytes.length < 5) {
            return null;
        }
        long length = ((bytes[1] & 0xffL) << 24) | ((bytes[2] & 0xff) << 16) | ((bytes[3] & 0xff) << 8) | (bytes[4] & 0xff);
        if (bytes.length < 5 + length) {
            return null;
        }
        return FrameCodec.read(new ByteArrayInputStream(bytes));
    }
}
