package org.annexp2p.tor.socks;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.annexp2p.transports.Connection;

/**
 * A Netty channel seen through blocking streams. The channel runs with auto-read off and we ask for more
 * bytes only when the reader has drained what it has, so a slow reader stops the peer through TCP's window;
 * a writer blocks while the channel is unwritable (high water mark), so a slow peer stops the writer.
 */
final class BlockingChannelConnection extends ChannelInboundHandlerAdapter implements Connection {

    private static final long SHUTDOWN_WAIT_SECONDS = 10;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<byte[]> received = new ArrayDeque<>();
    private byte[] current;
    private int currentPos;
    private boolean inputEnded;
    private boolean closed;
    private volatile boolean outputShut;
    private Channel channel;
    private final String description;
    private final InputStream input = new Input();
    private final OutputStream output = new Output();

    BlockingChannelConnection(String description) {
        this.description = description;
    }

    /** Called once the channel is connected end to end (after the SOCKS handshake). */
    void attach(Channel ch) {
        lock.lock();
        try {
            this.channel = ch;
        } finally {
            lock.unlock();
        }
        ch.config().setAutoRead(false);
        ch.read();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf buf = (ByteBuf) msg;
        try {
            byte[] bytes = new byte[buf.readableBytes()];
            buf.readBytes(bytes);
            signal(() -> received.add(bytes));
        } finally {
            buf.release();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            signal(() -> inputEnded = true);
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        signal(() -> inputEnded = true);
        ctx.fireChannelInactive();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        signal(() -> { });
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // a reset or similar: the reader sees end-of-stream, the writer an error on the closed channel
        ctx.close();
    }

    private void signal(Runnable change) {
        lock.lock();
        try {
            change.run();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public InputStream input() {
        return input;
    }

    @Override
    public OutputStream output() {
        return output;
    }

    @Override
    public void shutdownOutput() throws IOException {
        if (outputShut) {
            return;
        }
        output.flush();
        outputShut = true;
        if (channel instanceof DuplexChannel duplex) {
            try {
                if (!duplex.shutdownOutput().await(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS)) {
                    throw new IOException("half-closing " + description + " timed out");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while half-closing " + description);
            }
        }
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void close() {
        signal(() -> closed = true);
        if (channel != null) {
            channel.close();
        }
    }

    private final class Input extends InputStream {
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
            lock.lock();
            try {
                while (true) {
                    if (closed) {
                        throw new IOException(description + " is closed");
                    }
                    if (current != null && currentPos < current.length) {
                        int n = Math.min(len, current.length - currentPos);
                        System.arraycopy(current, currentPos, b, off, n);
                        currentPos += n;
                        return n;
                    }
                    current = received.poll();
                    currentPos = 0;
                    if (current != null) {
                        continue;
                    }
                    if (inputEnded) {
                        return -1;
                    }
                    channel.read();
                    // re-ask for data now and then: a read request can be satisfied by an empty read
                    changed.await(1, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading from " + description);
            } finally {
                lock.unlock();
            }
        }
    }

    private final class Output extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            awaitWritable();
            channel.write(Unpooled.copiedBuffer(b, off, len));
        }

        @Override
        public void flush() throws IOException {
            ensureOpen();
            channel.flush();
        }

        private void ensureOpen() throws IOException {
            if (closed || !channel.isActive()) {
                throw new IOException(description + " is closed");
            }
            if (outputShut) {
                throw new IOException("output to " + description + " was shut down");
            }
        }

        private void awaitWritable() throws IOException {
            lock.lock();
            try {
                while (true) {
                    ensureOpen();
                    if (channel.isWritable()) {
                        return;
                    }
                    // unflushed bytes count against the water mark, so push them before waiting
                    channel.flush();
                    changed.await(1, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while writing to " + description);
            } finally {
                lock.unlock();
            }
        }
    }
}
