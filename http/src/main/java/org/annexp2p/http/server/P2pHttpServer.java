package org.annexp2p.http.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import io.vavr.control.Option;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The p2phttp server: git-annex's P2P protocol as an HTTP API on Netty, each request served as a conversation
 * with the ordinary protocol server (see {@link Conversation}). {@link #start} binds; {@link #close} stops
 * accepting, ends held locks and frees the threads.
 */
public final class P2pHttpServer implements AutoCloseable {

    /** {@link Settings#bind} for every address, IPv4 and IPv6 alike. */
    public static final String ALL = "*";

    /**
     * Where and how to serve: {@code requests} bounds the requests served at once (more get 503). A {@code socket}
     * is listened on instead of {@code bind} and {@code port}, as {@code git annex p2phttp --socket} does.
     */
    public record Settings(String bind, int port, Option<HttpsIdentity> tls, AuthPolicy policy, int requests, int locks,
            Duration idle, Option<Path> socket) {
        public static final int DEFAULT_PORT = 9417;
        /** How long a connection may be silent (or a client not read) when it owes the server something. */
        public static final Duration DEFAULT_IDLE = Duration.ofSeconds(60);

        /** Listening on {@code bind} and {@code port}. */
        public Settings(String bind, int port, Option<HttpsIdentity> tls, AuthPolicy policy, int requests, int locks, Duration idle) {
            this(bind, port, tls, policy, requests, locks, idle, Option.none());
        }
    }

    private final EventLoopGroup boss;
    private final EventLoopGroup loops;
    private final ExecutorService workers;
    private final ExecutorService sides;
    private final ScheduledExecutorService timer;
    private final Pipes pipes;
    private final HeldLocks locks;
    private final Channel channel;
    private final Option<SocketFile> socket;

    private P2pHttpServer(Settings settings, ServedRepositories repositories) throws IOException {
        Option<SslContext> tls = settings.tls().isDefined() ? Option.some(settings.tls().get().context()) : Option.none();
        workers = new ThreadPoolExecutor(0, settings.requests(), 60, TimeUnit.SECONDS, new SynchronousQueue<>(), threads("p2phttp-request"));
        sides = Executors.newCachedThreadPool(threads("p2phttp-repository"));
        timer = Executors.newSingleThreadScheduledExecutor(threads("p2phttp-locks"));
        pipes = new Pipes();
        locks = new HeldLocks((after, task) -> timer.schedule(task, after.toMillis(), TimeUnit.MILLISECONDS), settings.locks());
        Requests requests = new Requests(repositories, settings.policy(), new Operations(pipes, sides, locks));
        boss = new NioEventLoopGroup(1, threads("p2phttp-accept"));
        loops = new NioEventLoopGroup(0, threads("p2phttp-io"));
        boolean secure = tls.isDefined();
        // The JDK's own unix sockets (16+), which Netty's NIO transport speaks: no native library to ship.
        ServerBootstrap b = new ServerBootstrap().group(boss, loops)
                .channel(settings.socket().isDefined() ? NioServerDomainSocketChannel.class : NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        tls.forEach(context -> ch.pipeline().addLast(context.newHandler(ch.alloc())));
                        ch.pipeline().addLast(new HttpServerCodec(8192, 16384, 65536));
                        ch.pipeline().addLast(new HttpServerExpectContinueHandler());
                        ch.pipeline().addLast(new IdleStateHandler(settings.idle().toMillis(), 0, 0, TimeUnit.MILLISECONDS));
                        ch.pipeline().addLast(new RequestHandler(requests, workers, secure, settings.idle()));
                    }
                });
        if (settings.socket().isDefined()) {
            socket = Option.some(claim(settings.socket().get()));
            channel = bindSocket(b, socket.get());
        } else {
            socket = Option.none();
            try {
                channel = (settings.bind().equals(ALL) ? b.bind(settings.port()) : b.bind(settings.bind(), settings.port())).sync().channel();
            } catch (Exception e) {
                close(false);
                throw new IOException("cannot listen on " + settings.bind() + ":" + settings.port() + ": " + e.getMessage(), e);
            }
        }
    }

    private SocketFile claim(Path path) throws IOException {
        try {
            return SocketFile.claim(path);
        } catch (IOException e) {
            close(false);
            throw e;
        }
    }

    private Channel bindSocket(ServerBootstrap b, SocketFile file) throws IOException {
        Channel bound = null;
        try {
            bound = b.bind(file.staged()).sync().channel();
            file.install();
            return bound;
        } catch (Exception e) {
            if (bound != null) {
                bound.close().awaitUninterruptibly();
            }
            file.remove();
            close(false);
            throw new IOException("cannot listen on unix socket " + file.address().getPath() + ": " + e.getMessage(), e);
        }
    }

    public static P2pHttpServer start(Settings settings, ServedRepositories repositories) throws IOException {
        return new P2pHttpServer(settings, repositories);
    }

    /** The TCP address it listens on (not for a unix socket: see {@link #listening}). */
    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** Where it listens: its TCP address, or its unix socket. */
    public SocketAddress listening() {
        return socket.isDefined() ? socket.get().address() : channel.localAddress();
    }

    /** Blocks until the server is closed. */
    public void awaitClose() throws InterruptedException {
        channel.closeFuture().sync();
    }

    @Override
    public void close() {
        close(true);
    }

    private void close(boolean bound) {
        if (bound && channel != null) {
            channel.close().awaitUninterruptibly();
            socket.forEach(SocketFile::remove);
        }
        locks.releaseAll();
        // Requests first, while their connections' event loops can still take the last writes and closes.
        workers.shutdownNow();
        sides.shutdownNow();
        timer.shutdownNow();
        pipes.close();
        try {
            workers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    private static java.util.concurrent.ThreadFactory threads(String name) {
        AtomicLong n = new AtomicLong();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
