package org.annexp2p.transports.tcp;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.annexp2p.transports.Connection;
import org.annexp2p.transports.FileSender;

/**
 * A {@link Connection} over a Netty socket channel, seen through blocking streams with backpressure both
 * ways (see {@link NettyInbound} and {@link NettyOutbound}). Closing {@link #output()} half-closes;
 * {@link #close()} lets flushed bytes drain to the peer (bounded) and discards unflushed ones.
 */
final class NettyConnection implements Connection {

    /**
     * The most one {@link FileSlice} carries. Each completed slice counts as traffic for the idle timeout (a whole
     * file in one slice would look idle on a slow onion link) and lets the sender report progress.
     */
    static final long SLICE = 1L << 20;

    /** How long close() lets already-written bytes drain to a peer before resetting. */
    static final long CLOSE_LINGER_SECONDS = 10;

    private final SocketChannel channel;
    /** Null for plain TCP. */
    private final SslHandler tls;
    private final NettyInbound inbound;
    private final NettyOutbound outbound;
    private final InputStream input;
    private final String description;
    private final AtomicBoolean closed = new AtomicBoolean();

    NettyConnection(SocketChannel channel, NettyInbound inbound, String description) {
        this.channel = channel;
        this.tls = channel.pipeline().get(SslHandler.class);
        this.inbound = inbound;
        this.description = description;
        this.outbound = new NettyOutbound(channel, inbound, description);
        this.input = inbound.stream();
    }

    @Override
    public InputStream input() {
        return input;
    }

    @Override
    public OutputStream output() {
        return outbound;
    }

    /**
     * Netty sends file content with sendfile straight to the socket (see {@link FileSlice}). Not under TLS: the
     * bytes must pass through the cipher, so senders copy them through {@link #output()} instead.
     */
    @Override
    public Optional<FileSender> fileSender() {
        return tls != null || outbound.isShut() || !channel.isActive() ? Optional.empty() : Optional.of(this::sendFile);
    }

    /** Hands a slice of the file to the event loop after what was flushed, and waits until it is on the socket. */
    private long sendFile(FileChannel file, long position, long count) throws IOException {
        long available = Math.min(Math.min(count, SLICE), Math.max(0, file.size() - position));
        if (available == 0) {
            return 0;
        }
        ChannelFuture sent;
        synchronized (outbound) {
            if (outbound.isShut()) {
                throw new IOException(description + ": output is shut down");
            }
            outbound.flush();
            inbound.awaitWritable();
            sent = channel.writeAndFlush(new FileSlice(file, position, available));
        }
        try {
            sent.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException(description + ": interrupted while sending a file");
        }
        if (!sent.isSuccess()) {
            inbound.recordWriteFailure(sent.cause());
            throw new IOException(description + ": " + NettyInbound.describe(sent.cause()), sent.cause());
        }
        return available;
    }

    /** Bytes are queued by the event loop, which runs {@code task} when it queues more or sees the end. */
    @Override
    public boolean whenReadable(Runnable task) {
        return inbound.whenReadable(task);
    }

    @Override
    public void shutdownOutput() throws IOException {
        synchronized (outbound) {
            if (outbound.isShut()) {
                return;
            }
            outbound.shutdown();
        }
        if (!channel.isActive()) {
            throw new IOException(description + ": connection closed");
        }
        // Netty's shutdownOutput fails writes still queued in the channel, so the FIN is chained behind
        // the last write instead of being issued at once; nothing here waits for a slow peer.
        ChannelFuture lastWrite = tls == null ? channel.writeAndFlush(Unpooled.EMPTY_BUFFER)
                // TLS 1.3 half-close: close_notify, queued on the event loop behind every flushed write, then the
                // FIN. The peer reads end-of-stream and may go on writing to us.
                : tls.closeOutbound();
        lastWrite.addListener(f -> {
            if (f.isSuccess() && channel.isActive()) {
                channel.shutdownOutput();
            }
        });
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public Optional<InetAddress> remoteAddress() {
        InetSocketAddress peer = channel.remoteAddress();
        return peer == null ? Optional.empty() : Optional.ofNullable(peer.getAddress());
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        inbound.closeLocally();
        // Like closing a socket: what was already written still reaches the peer, then the connection ends;
        // a peer that never reads gets reset after a bounded linger.
        // Bytes written but never flushed are discarded, as with a socket behind an unflushed buffer.
        channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        if (channel.isActive()) {
            try {
                ScheduledFuture<?> reset = channel.eventLoop().schedule(() -> channel.close(), CLOSE_LINGER_SECONDS, TimeUnit.SECONDS);
                channel.closeFuture().addListener(f -> reset.cancel(false));
            } catch (RejectedExecutionException e) {
                // A loop of its own ends once its channel closed (an onion connection's): closed meanwhile, nothing to reset.
            }
        }
    }

    @Override
    public String toString() {
        return description;
    }
}
