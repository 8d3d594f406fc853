package org.annexp2p.transports.tcp;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.annexp2p.transports.Connection;
import org.annexp2p.transports.Dialer;
import org.annexp2p.transports.Listener;

/**
 * TCP on Netty's NIO event loop, seen through blocking {@link Connection} streams.
 *
 * <p>Addresses are {@code host:port}, {@code [ipv6]:port} or {@code tcp://host:port} (see {@link TcpAddress}).
 * One transport owns one event loop group shared by all its listeners and connections; {@link #close()}
 * stops it (bounded), which ends every connection. Connections have {@code TCP_NODELAY} (the P2P protocol
 * is request/response lines), half-close support and an idle timeout (see {@link TcpOptions}).
 */
public final class TcpTransport implements AutoCloseable {

    // Reads of up to 256 KiB per syscall: fewer event-loop round trips per GiB on fast links.
    private static final AdaptiveRecvByteBufAllocator RECEIVE_SIZES = new AdaptiveRecvByteBufAllocator(512, 16 * 1024, 256 * 1024);
    private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(256 * 1024, 1024 * 1024);

    private final EventLoopGroup group;
    private final TcpOptions options;

    /** A transport with {@link TcpOptions#defaults()}. */
    public TcpTransport() {
        this(TcpOptions.defaults());
    }

    public TcpTransport(TcpOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.group = new NioEventLoopGroup(options.eventLoopThreads(), new DefaultThreadFactory("annex-p2p-tcp", true));
    }

    public Dialer dialer() {
        return this::dial;
    }

    /** Connects to {@code address} within {@code timeout}. */
    public Connection dial(String address, Duration timeout) throws IOException {
        TcpAddress target = parse(address);
        return dial(target, target.toString(), timeout, ChannelSetup.PLAIN);
    }

    /**
     * Connects to {@code endpoint} and completes {@code setup} on the channel, all within {@code timeout}; errors name
     * it as {@code target}, the address the caller was given.
     */
    Connection dial(TcpAddress endpoint, String target, Duration timeout, ChannelSetup setup) throws IOException {
        InetSocketAddress remote = new InetSocketAddress(resolve(endpoint), endpoint.port());
        CompletableFuture<NettyConnection> ready = new CompletableFuture<>();
        long millis = Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) millis)
                .handler(initializer(endpoint.toString(), setup, ready));
        configure(bootstrap);
        ChannelFuture connect = bootstrap.connect(remote);
        try {
            if (!connect.await(millis + 1000)) {
                connect.channel().close();
                throw new IOException("connection timed out after " + millis + " ms: " + target);
            }
            if (!connect.isSuccess()) {
                throw connectFailure(target, millis, connect.cause());
            }
            long left = Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            return ready.get(left + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            connect.channel().close();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while connecting to " + target);
        } catch (ExecutionException e) {
            connect.channel().close();
            throw setup.failure(target, e.getCause());
        } catch (TimeoutException e) {
            connect.channel().close();
            throw new IOException("cannot connect to " + target + ": connection was not set up within " + millis + " ms", e);
        }
    }

    /** Binds a listener; port 0 picks a free port, which {@link Listener#address()} then shows. */
    public Listener listen(String address) throws IOException {
        return listen(parse(address), ChannelSetup.PLAIN);
    }

    /** Binds a listener whose connections are offered once {@code setup} completed on them; the rest are closed. */
    Listener listen(TcpAddress local, ChannelSetup setup) throws IOException {
        InetSocketAddress bind = new InetSocketAddress(resolve(local), local.port());
        TcpListener[] holder = new TcpListener[1];
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, TcpListener.BACKLOG)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .childOption(ChannelOption.RCVBUF_ALLOCATOR, RECEIVE_SIZES)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        InetSocketAddress peer = ch.remoteAddress();
                        String label = setup.scheme() + " " + (peer == null ? "?" : TcpAddress.of(peer)) + " (accepted on " + holder[0].address() + ")";
                        NettyInbound inbound = new NettyInbound(label);
                        addHandlers(ch, inbound);
                        TcpListener listener = holder[0];
                        whenSetUp(ch, inbound, setup, () -> listener.offer(new NettyConnection(ch, inbound, label)), failure -> ch.close());
                    }
                });
        ChannelFuture bound = bootstrap.bind(bind);
        try {
            if (!bound.await(30, TimeUnit.SECONDS)) {
                bound.channel().close();
                throw new IOException("cannot listen on " + local + ": bind did not complete");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while binding " + local);
        }
        if (!bound.isSuccess()) {
            throw new IOException("cannot listen on " + local + ": " + NettyInbound.describe(bound.cause()), bound.cause());
        }
        InetSocketAddress actual = (InetSocketAddress) bound.channel().localAddress();
        TcpListener listener = new TcpListener(TcpAddress.of(actual));
        holder[0] = listener;
        listener.bound(bound.channel());
        return listener;
    }

    /** Stops the event loop (bounded); every listener and connection of this transport ends. */
    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10_000);
    }

    private ChannelInitializer<SocketChannel> initializer(String target, ChannelSetup setup, CompletableFuture<NettyConnection> ready) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                String label = setup.scheme() + " " + target;
                NettyInbound inbound = new NettyInbound(label);
                addHandlers(ch, inbound);
                whenSetUp(ch, inbound, setup, () -> ready.complete(new NettyConnection(ch, inbound, label)), ready::completeExceptionally);
            }
        };
    }

    /** Runs {@code ready} once {@code setup} is done on the channel (at once for plain TCP), else {@code failed}. */
    private static void whenSetUp(SocketChannel ch, NettyInbound inbound, ChannelSetup setup, Runnable ready,
            java.util.function.Consumer<Throwable> failed) {
        io.netty.util.concurrent.Future<?> handshake = setup.begin(ch);
        if (handshake == null) {
            ready.run();
            return;
        }
        handshake.addListener(f -> {
            if (f.isSuccess()) {
                // The handshake may have used the read the inbound side asked for.
                inbound.resumeReading();
                ready.run();
            } else {
                failed.accept(f.cause());
                ch.close();
            }
        });
    }

    private void addHandlers(SocketChannel ch, NettyInbound inbound) {
        long idle = options.idleTimeout().toMillis();
        if (idle > 0) {
            ch.pipeline().addLast(new IdleStateHandler(0, 0, idle, TimeUnit.MILLISECONDS));
        }
        ch.pipeline().addLast(inbound);
    }

    static void configure(Bootstrap bootstrap) {
        bootstrap.option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .option(ChannelOption.RCVBUF_ALLOCATOR, RECEIVE_SIZES)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK);
    }

    private static TcpAddress parse(String address) throws IOException {
        try {
            return TcpAddress.parse(address);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static InetAddress resolve(TcpAddress address) throws IOException {
        try {
            return InetAddress.getByName(address.host());
        } catch (UnknownHostException e) {
            throw new IOException("unknown host: " + address.host(), e);
        }
    }

    private static IOException connectFailure(String target, long millis, Throwable cause) {
        if (cause instanceof io.netty.channel.ConnectTimeoutException) {
            return new IOException("connection timed out after " + millis + " ms: " + target, cause);
        }
        if (cause instanceof ConnectException) {
            String message = cause.getMessage() == null ? "" : cause.getMessage().toLowerCase(java.util.Locale.ROOT);
            if (message.contains("refused")) {
                return new IOException("connection refused: " + target, cause);
            }
        }
        return new IOException("cannot connect to " + target + ": " + NettyInbound.describe(cause), cause);
    }
}
