package org.annexp2p.cli;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.annexp2p.transports.ChannelStreams;

/**
 * The resident shell server's end of the session protocol, played by a test on a unix socket: it accepts
 * connections one at a time and plays {@link Script} on each, so a test decides what the forwarder meets (an 'S' and
 * streams, a 'B', silence, a broken frame). What it cannot say is counted: the connections it was offered.
 */
final class FakeShellServer implements AutoCloseable {
    static final int MAX_PAYLOAD = 1_048_576;

    /** A frame: its type letter and payload. */
    record Frame(char type, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    /** What the forwarder asked for, in the order its frames came. */
    record Request(String version, List<String> argv, List<String> env, String dir) {}

    @FunctionalInterface
    interface Script {
        void play(Session session) throws Exception;
    }

    private final ServerSocketChannel listener;
    private final AtomicInteger connections = new AtomicInteger();
    private final CompletableFuture<Void> played = new CompletableFuture<>();
    private final Thread acceptor;

    private FakeShellServer(ServerSocketChannel listener, Script script) {
        this.listener = listener;
        this.acceptor = new Thread(() -> serve(script), "fake shell server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static FakeShellServer listening(Path socket, Script script) throws IOException {
        ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        listener.bind(UnixDomainSocketAddress.of(socket));
        return new FakeShellServer(listener, script);
    }

    private void serve(Script script) {
        while (listener.isOpen()) {
            try (SocketChannel channel = listener.accept()) {
                connections.incrementAndGet();
                script.play(new Session(channel));
                played.complete(null);
            } catch (IOException closed) {
                if (listener.isOpen()) {
                    played.completeExceptionally(closed);
                }
                return;
            } catch (Exception | AssertionError failed) {
                played.completeExceptionally(failed);
            }
        }
    }

    /** How many connections it accepted. */
    int connections() {
        return connections.get();
    }

    /** Waits for the first connection's script to end; its failure is thrown here. */
    void awaitPlayed(Duration bound) throws Exception {
        try {
            played.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw (Error) e.getCause();
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }

    /** One accepted connection. */
    static final class Session {
        private final SocketChannel channel;
        private final DataInputStream in;
        private final DataOutputStream out;

        Session(SocketChannel channel) {
            this.channel = channel;
            // ChannelStreams: those of Channels hold the channel's blocking lock while they wait, so a read waiting
            // for the forwarder would block a write from another thread.
            this.in = new DataInputStream(new java.io.BufferedInputStream(ChannelStreams.input(channel), 65536));
            this.out = new DataOutputStream(new java.io.BufferedOutputStream(ChannelStreams.output(channel), 65536));
        }

        /** The next frame; null at the end of the connection. */
        Frame read() throws IOException {
            int type = in.read();
            if (type < 0) {
                return null;
            }
            long length = Integer.toUnsignedLong(in.readInt());
            if (length > MAX_PAYLOAD) {
                throw new IOException("a frame of " + length + " bytes");
            }
            byte[] payload = new byte[(int) length];
            in.readFully(payload);
            return new Frame((char) type, payload);
        }

        /** Reads the request to its 'G', checking the order of its frames. */
        Request request() throws IOException {
            Frame hello = expect(read());
            if (hello.type() != 'H') {
                throw new IOException("the request starts with " + hello.type());
            }
            List<String> argv = new ArrayList<>();
            List<String> env = new ArrayList<>();
            Frame f = expect(read());
            for (; f.type() == 'A'; f = expect(read())) {
                argv.add(f.text());
            }
            for (; f.type() == 'E'; f = expect(read())) {
                env.add(f.text());
            }
            if (f.type() != 'D') {
                throw new IOException("expected D, got " + f.type());
            }
            Frame go = expect(read());
            if (go.type() != 'G' || go.payload().length != 0) {
                throw new IOException("expected an empty G, got " + go.type());
            }
            return new Request(hello.text(), argv, env, f.text());
        }

        private static Frame expect(Frame f) throws EOFException {
            if (f == null) {
                throw new EOFException("the forwarder closed in its request");
            }
            return f;
        }

        void send(char type, byte[] payload) throws IOException {
            sendHead(type, payload.length);
            out.write(payload);
            out.flush();
        }

        /** A frame's head alone: a test's way to announce what no server may send. */
        void sendHead(char type, long length) throws IOException {
            out.write(type);
            out.writeInt((int) length);
            out.flush();
        }

        void send(char type) throws IOException {
            send(type, new byte[0]);
        }

        void exit(int status) throws IOException {
            send('X', ByteBuffer.allocate(4).putInt(status).array());
        }

        /** Reads 'I' frames to the 'C' and returns their bytes; fails on anything else, or an 'I' out of 1..65536. */
        byte[] input() throws IOException {
            java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
            for (Frame f = read(); ; f = read()) {
                if (f == null) {
                    throw new EOFException("the forwarder closed before 'C'");
                }
                if (f.type() == 'C' && f.payload().length == 0) {
                    return all.toByteArray();
                }
                if (f.type() != 'I' || f.payload().length == 0 || f.payload().length > 65536) {
                    throw new IOException("an input frame " + f.type() + " of " + f.payload().length + " bytes");
                }
                all.writeBytes(f.payload());
            }
        }

        /** Whether the forwarder closed its end (read returns end of stream), waiting at most the channel's own way. */
        boolean closedByPeer() throws IOException {
            return in.read() < 0;
        }

        void close() throws IOException {
            channel.close();
        }
    }
}
