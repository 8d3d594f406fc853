package org.annexp2p.transports.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * The outbound half of a {@link NettyConnection}: bytes are gathered into pooled buffers of up to 256 KiB, handed
 * to the event loop when a buffer fills or on {@link #flush()}. Before handing one over, the writer waits
 * while the channel is above its write high-water mark, so a peer that does not read blocks us rather
 * than letting Netty queue a whole file. Not thread-safe, like any OutputStream.
 */
final class NettyOutbound extends OutputStream {

    static final int CHUNK = 256 * 1024;

    private final Channel channel;
    private final NettyInbound inbound;
    private final String label;
    private final ChannelFutureListener onFailure;
    private ByteBuf pending;
    private boolean shut;

    NettyOutbound(Channel channel, NettyInbound inbound, String label) {
        this.channel = channel;
        this.inbound = inbound;
        this.label = label;
        this.onFailure = f -> {
            if (!f.isSuccess()) {
                inbound.recordWriteFailure(f.cause());
            }
        };
    }

    @Override
    public void write(int b) throws IOException {
        ensureOpen();
        if (pending == null) {
            pending = allocate(1);
        }
        pending.writeByte(b);
        if (pending.maxWritableBytes() == 0) {
            send();
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        ensureOpen();
        while (len > 0) {
            if (pending == null) {
                pending = allocate(len);
            }
            int n = Math.min(len, pending.maxWritableBytes());
            pending.writeBytes(b, off, n);
            off += n;
            len -= n;
            if (pending.maxWritableBytes() == 0) {
                send();
            }
        }
    }

    @Override
    public void flush() throws IOException {
        if (pending != null && pending.isReadable()) {
            ensureOpen();
            send();
        }
    }

    /** Closing the stream half-closes the connection (see {@link NettyConnection#shutdownOutput()}). */
    @Override
    public void close() throws IOException {
        shutdown();
    }

    /** Sends what is gathered and half-closes. Idempotent. */
    void shutdown() throws IOException {
        if (shut) {
            return;
        }
        try {
            flush();
        } finally {
            shut = true;
            discardPending();
        }
    }

    boolean isShut() {
        return shut;
    }

    /** Small first, so a flushed protocol line does not pin a whole chunk; bulk writes get a full chunk at once. */
    private ByteBuf allocate(int hint) {
        return channel.alloc().directBuffer(Math.min(CHUNK, Math.max(hint, 4096)), CHUNK);
    }

    private void send() throws IOException {
        try {
            inbound.awaitWritable();
        } catch (IOException e) {
            discardPending();
            throw e;
        }
        ByteBuf out = pending;
        pending = null;
        channel.writeAndFlush(out).addListener(onFailure);
    }

    private void discardPending() {
        if (pending != null) {
            pending.release();
            pending = null;
        }
    }

    private void ensureOpen() throws IOException {
        if (shut) {
            throw new IOException(label + ": output is shut down");
        }
        inbound.ensureUsable();
    }
}
