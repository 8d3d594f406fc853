package org.annexp2p.web.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.annexp2p.web.Jobs;
import org.annexp2p.web.RunningUi;
import org.annexp2p.web.Section;
import org.annexp2p.web.UiContext;
import org.annexp2p.web.UiSettings;

/**
 * The page's HTTP server on Netty. Requests are small (a head of at most {@value #HEAD} bytes, a body of at most
 * {@value #BODY}); connections are bounded ({@link ConnectionLimits}); endpoints run on at most {@value #WORKERS}
 * threads.
 */
public final class PageServer implements RunningUi {
    static final int HEAD = 16 * 1024;
    static final int BODY = 64 * 1024;
    static final int WORKERS = 8;
    static final int WAITING = 32;
    static final int OPEN = 128;
    /** Sections' long work: checks, a doctor run, transfers, the progress ticker. */
    static final int BACKGROUND = 8;

    private final String accessToken = Secrets.fresh();
    private final LaunchTokens launches = new LaunchTokens(Clock.systemUTC());
    private final ThreadPoolExecutor workers;
    private final ScheduledExecutorService background;
    private final Jobs jobs = new Jobs();
    private final EventLoopGroup boss;
    private final EventLoopGroup loops;
    private final Channel channel;
    private final Authority printed;
    /** Set once the port is known; a connection before that (no one has the URL yet) is closed. */
    private volatile Gate gate;

    private PageServer(UiSettings settings, Function<UiContext, List<Section>> sections) throws IOException {
        workers = new ThreadPoolExecutor(0, WORKERS, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), threads("ui-request"));
        background = Executors.newScheduledThreadPool(BACKGROUND, threads("ui-background"));
        EventHub events = new EventHub(ApiCalls.json());
        RouteTable routes = new RouteTable();
        sections.apply(new UiContext(settings, events, background, jobs)).forEach(routes::add);
        ApiCalls api = new ApiCalls(routes, workers);
        ConnectionLimits limits = new ConnectionLimits(WAITING, OPEN);
        boss = new NioEventLoopGroup(1, threads("ui-accept"));
        loops = new NioEventLoopGroup(1, threads("ui-io"));
        String csrf = Secrets.fresh();
        StaticFiles files = new StaticFiles(csrf);
        ServerBootstrap b = new ServerBootstrap().group(boss, loops).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        Gate open = gate;
                        if (open == null) {
                            ch.close();
                            return;
                        }
                        ch.pipeline().addLast(new HttpServerCodec(4096, HEAD, 8192));
                        ch.pipeline().addLast(new HttpObjectAggregator(BODY));
                        ch.pipeline().addLast(new PageHandler(open, limits, files, events, api, settings.idle()));
                    }
                });
        try {
            channel = b.bind(settings.host(), settings.port()).sync().channel();
        } catch (Exception e) {
            close();
            throw new IOException("cannot listen on " + settings.host() + ":" + settings.port() + ": " + e.getMessage(), e);
        }
        ServedHosts hosts = ServedHosts.of(settings.host(), address().getPort());
        printed = hosts.printed();
        gate = new Gate(hosts, accessToken, csrf, launches);
        background.scheduleWithFixedDelay(events::heartbeat, 15, 15, TimeUnit.SECONDS);
    }

    public static PageServer start(UiSettings settings, Function<UiContext, List<Section>> sections) throws IOException {
        return new PageServer(settings, sections);
    }

    @Override
    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public URI url() {
        return URI.create("http://" + printed.text() + "/?token=" + accessToken);
    }

    @Override
    public URI launchUrl() {
        return URI.create("http://" + printed.text() + "/?launch=" + launches.issue());
    }

    @Override
    public void awaitClose() throws InterruptedException {
        channel.closeFuture().sync();
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.close().awaitUninterruptibly();
        }
        workers.shutdownNow();
        jobs.close();
        background.shutdownNow();
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    private static ThreadFactory threads(String name) {
        AtomicLong n = new AtomicLong();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
