package org.annexp2p.transports.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.annexp2p.transports.readable.ReadableSignal;

/**
 * The inbound half of a {@link NettyConnection}: received buffers wait in a queue for a blocking reader.
 *
 * <p>Auto-read is off: the event loop reads from the socket only while fewer than {@link #HIGH_WATER}
 * bytes wait here, and the reader asks for more once it drains below half of that. So a slow reader makes
 * the kernel's receive window close, and the sender blocks, instead of this queue growing.
 */
final class NettyInbound extends ChannelInboundHandlerAdapter {

    static final int HIGH_WATER = 1024 * 1024;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final Condition writable = lock.newCondition();
    private final ArrayDeque<ByteBuf> queue = new ArrayDeque<>();
    private final String label;
    private Channel channel;
    private long queued;
    private boolean readRequested;
    private boolean endOfInput;
    private boolean inactive;
    private boolean closedLocally;
    private IOException failure;
    private final ReadableSignal onReadable = new ReadableSignal(lock, this::readableNow);

    NettyInbound(String label) {
        this.label = label;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        requestRead();
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf buf = (ByteBuf) msg;
        Runnable woken;
        lock.lock();
        try {
            if (closedLocally || !buf.isReadable()) {
                buf.release();
                return;
            }
            queue.add(buf);
            queued += buf.readableBytes();
            arrived.signalAll();
            woken = onReadable.take();
        } finally {
            lock.unlock();
        }
        ReadableSignal.run(woken);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        boolean more;
        lock.lock();
        try {
            readRequested = false;
            more = queued < HIGH_WATER && !endOfInput && !closedLocally;
            if (more) {
                readRequested = true;
            }
        } finally {
            lock.unlock();
        }
        if (more) {
            ctx.read();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            Runnable woken;
            lock.lock();
            try {
                if (failure == null) {
                    failure = new IOException(label + ": no traffic within the idle timeout, connection closed");
                }
                arrived.signalAll();
                writable.signalAll();
                woken = onReadable.take();
            } finally {
                lock.unlock();
            }
            ReadableSignal.run(woken);
            ctx.close();
            return;
        }
        if (evt instanceof ChannelInputShutdownEvent) {
            Runnable woken;
            lock.lock();
            try {
                endOfInput = true;
                arrived.signalAll();
                woken = onReadable.take();
            } finally {
                lock.unlock();
            }
            ReadableSignal.run(woken);
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        signalWritable();
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        Runnable woken;
        lock.lock();
        try {
            inactive = true;
            endOfInput = true;
            arrived.signalAll();
            writable.signalAll();
            woken = onReadable.take();
        } finally {
            lock.unlock();
        }
        ReadableSignal.run(woken);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Runnable woken;
        lock.lock();
        try {
            if (failure == null) {
                failure = new IOException(label + ": " + describe(cause), cause);
            }
            arrived.signalAll();
            writable.signalAll();
            woken = onReadable.take();
        } finally {
            lock.unlock();
        }
        ReadableSignal.run(woken);
        ctx.close();
    }

    /** Called on close(): wakes blocked threads, which then fail, and frees queued buffers. */
    void closeLocally() {
        Runnable woken;
        lock.lock();
        try {
            closedLocally = true;
            queue.forEach(ByteBuf::release);
            queue.clear();
            queued = 0;
            arrived.signalAll();
            writable.signalAll();
            woken = onReadable.take();
        } finally {
            lock.unlock();
        }
        ReadableSignal.run(woken);
    }

    /** See {@link org.annexp2p.transports.Connection#whenReadable}. */
    boolean whenReadable(Runnable task) {
        return onReadable.register(task);
    }

    /** Under the lock: whether a read would return (bytes, end of stream or a failure) without waiting. */
    private boolean readableNow() {
        return !queue.isEmpty() || endOfInput || closedLocally || failure != null;
    }

    void recordWriteFailure(Throwable cause) {
        lock.lock();
        try {
            if (failure == null) {
                failure = new IOException(label + ": " + describe(cause), cause);
            }
            writable.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Fails at once when the connection was closed here, failed, or was closed by the peer. */
    void ensureUsable() throws IOException {
        lock.lock();
        try {
            throwIfUnusable();
        } finally {
            lock.unlock();
        }
    }

    private void throwIfUnusable() throws IOException {
        if (closedLocally) {
            throw new IOException(label + ": connection closed");
        }
        if (failure != null) {
            throw new IOException(failure.getMessage(), failure);
        }
        if (inactive || !channel.isActive()) {
            throw new IOException(label + ": connection closed by peer");
        }
    }

    /** Blocks while the channel's outbound buffer is above its high water mark. */
    void awaitWritable() throws IOException {
        lock.lock();
        try {
            while (true) {
                throwIfUnusable();
                if (channel.isWritable()) {
                    return;
                }
                writable.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException(label + ": interrupted while writing");
        } finally {
            lock.unlock();
        }
    }

    int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        int total = 0;
        boolean askForMore;
        lock.lock();
        try {
            while (queue.isEmpty()) {
                if (closedLocally) {
                    throw new IOException(label + ": connection closed");
                }
                if (failure != null) {
                    throw new IOException(failure.getMessage(), failure);
                }
                if (endOfInput) {
                    return -1;
                }
                arrived.await();
            }
            while (total < len && !queue.isEmpty()) {
                ByteBuf head = queue.peek();
                int n = Math.min(len - total, head.readableBytes());
                head.readBytes(b, off + total, n);
                total += n;
                if (!head.isReadable()) {
                    queue.poll().release();
                }
            }
            queued -= total;
            askForMore = !readRequested && queued < HIGH_WATER / 2 && !endOfInput;
            if (askForMore) {
                readRequested = true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException(label + ": interrupted while reading");
        } finally {
            lock.unlock();
        }
        if (askForMore) {
            channel.read();
        }
        return total;
    }

    int available() {
        lock.lock();
        try {
            return (int) Math.min(Integer.MAX_VALUE, queued);
        } finally {
            lock.unlock();
        }
    }

    InputStream stream() {
        return new InputStream() {
            // One reader at a time is the InputStream contract, so one scratch byte per stream suffices.
            private final byte[] single = new byte[1];

            @Override
            public int read() throws IOException {
                return NettyInbound.this.read(single, 0, 1) < 0 ? -1 : single[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return NettyInbound.this.read(b, off, len);
            }

            @Override
            public int available() {
                return NettyInbound.this.available();
            }
        };
    }

    /** On the event loop: asks for a read even if one looks outstanding (a handshake may have used it). */
    void resumeReading() {
        lock.lock();
        try {
            if (closedLocally) {
                return;
            }
            readRequested = true;
        } finally {
            lock.unlock();
        }
        channel.read();
    }

    private void requestRead() {
        lock.lock();
        try {
            if (readRequested || closedLocally) {
                return;
            }
            readRequested = true;
        } finally {
            lock.unlock();
        }
        channel.read();
    }

    private void signalWritable() {
        lock.lock();
        try {
            writable.signalAll();
        } finally {
            lock.unlock();
        }
    }

    static String describe(Throwable cause) {
        String message = cause.getMessage();
        return message == null ? cause.getClass().getSimpleName() : message;
    }
}
