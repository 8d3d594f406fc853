package org.annexp2p.shell.resident;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The forwarder's side, by hand: a request, then stdin frames, and what came back. */
final class TestClient implements AutoCloseable {
    final SocketChannel channel;
    private final InputStream in;

    /** What the session printed and how it ended; exit -1 when the server closed without 'X'. */
    record Ran(String out, String err, int exit) {}

    TestClient(Path socket) throws IOException {
        channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(socket));
        in = Channels.newInputStream(channel);
    }

    void send(Frame f) throws IOException {
        sendRaw(FrameCodec.encode(f));
    }

    /**
     * The frames in one write: a server that closes at the first frame it refuses cannot then fail the write of the
     * frames after it (sent one by one, the next write met the closed socket when the server was quick: Broken pipe).
     */
    void sendAtOnce(Frame... frames) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (Frame f : frames) {
            all.writeBytes(FrameCodec.encode(f));
        }
        sendRaw(all.toByteArray());
    }

    void sendRaw(byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    /** H, A..., E..., D, G. */
    void request(List<String> argv, Map<String, String> env, Path directory) throws IOException {
        send(new Frame.Hello(Frame.VERSION));
        for (String a : argv) {
            send(new Frame.Arg(a));
        }
        for (Map.Entry<String, String> e : env.entrySet()) {
            send(new Frame.Env(e.getKey() + "=" + e.getValue()));
        }
        send(new Frame.Directory(directory.toString()));
        send(new Frame.Go());
    }

    FrameCodec.Decoded next() throws IOException {
        return FrameCodec.read(in);
    }

    /** The answer to the request: 'S' or 'B' as a frame, or End. */
    Object answer() throws IOException {
        FrameCodec.Decoded d = next();
        return d instanceof FrameCodec.Decoded.Read r ? r.frame() : d;
    }

    /** Reads O/R frames until 'X' or the end. */
    Ran rest() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        err.writeBytes(stderrMeanwhile.toByteArray());
        while (true) {
            FrameCodec.Decoded d = next();
            if (!(d instanceof FrameCodec.Decoded.Read r)) {
                return new Ran(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), -1);
            }
            Frame f = r.frame();
            if (f instanceof Frame.Output o) {
                out.writeBytes(o.bytes());
            } else if (f instanceof Frame.Error e) {
                err.writeBytes(e.bytes());
            } else if (f instanceof Frame.Exit x) {
                if (!(next() instanceof FrameCodec.Decoded.End)) {
                    throw new AssertionError("something followed 'X'");
                }
                return new Ran(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), x.status());
            } else {
                throw new AssertionError("unexpected " + f);
            }
        }
    }

    /** The next line of the session's stdout (O frames); its stderr meanwhile (R frames) is kept for {@link #rest}. */
    String line() throws IOException {
        StringBuilder s = new StringBuilder();
        while (pending.indexOf("\n") < 0) {
            FrameCodec.Decoded d = next();
            if (d instanceof FrameCodec.Decoded.Read r && r.frame() instanceof Frame.Error e) {
                stderrMeanwhile.writeBytes(e.bytes());
                continue;
            }
            if (!(d instanceof FrameCodec.Decoded.Read r) || !(r.frame() instanceof Frame.Output o)) {
                throw new AssertionError("no more output: " + d);
            }
            pending.append(new String(o.bytes(), StandardCharsets.UTF_8));
        }
        int nl = pending.indexOf("\n");
        s.append(pending, 0, nl);
        pending.delete(0, nl + 1);
        return s.toString();
    }

    private final StringBuilder pending = new StringBuilder();
    private final ByteArrayOutputStream stderrMeanwhile = new ByteArrayOutputStream();

    void stdin(String s) throws IOException {
        send(new Frame.Input(s.getBytes(StandardCharsets.UTF_8)));
    }

    /** Whether the server closed the connection without a frame. */
    boolean closedSilently() throws IOException {
        try {
            return next() instanceof FrameCodec.Decoded.End;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
