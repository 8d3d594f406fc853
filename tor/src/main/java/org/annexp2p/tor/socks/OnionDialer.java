package org.annexp2p.tor.socks;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.proxy.ProxyConnectException;
import io.netty.handler.proxy.Socks5ProxyHandler;
import io.netty.resolver.NoopAddressResolverGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.annexp2p.tor.onion.OnionAddress;
import org.annexp2p.tor.onion.OnionAddressException;
import org.annexp2p.tor.onion.TorAnnexAddress;
import org.annexp2p.transports.Connection;
import org.annexp2p.transports.Dialer;
import org.annexp2p.transports.tcp.ChannelConnection;

/**
 * Dials {@code ONION.onion:PORT} (or {@code tor-annex::ONION.onion:PORT}) through tor's SOCKS5 port: the onion
 * name sent as ATYP=domain so tor resolves it, as git-annex does. Only onion addresses are accepted, so nothing
 * ever leaves through an exit.
 *
 * <p>Unlike git-annex, every dial offers a fresh random SOCKS username, which tor (IsolateSOCKSAuth, on by default)
 * takes as a stream isolation token: a dial never joins circuits an earlier dial left. After the onion's tor
 * restarted, the client tor may still hold a rendezvous circuit joined to the dead service, or one waiting for a
 * RENDEZVOUS2 that will never come (tor keeps that kind for three circuit-build timeouts, about three minutes), and
 * without isolation every new stream to the onion waits on it.
 *
 * <p>Each connection has an event loop of its own, ended when the connection closes (or its dial fails): the connection
 * is what the loop lives as long as, as a dialer is made for a dial and never closed, and a connection outlives it.
 * Onion connections are few (a command dials one; a patient dial a few attempts at once), so that is a thread each,
 * beside the one that reads it.
 */
public final class OnionDialer implements Dialer {

    private static final String PROXY = "socks5";
    /** A connection's loop ends once no task came for this long after the connection closed. */
    private static final long LOOP_QUIET_SECONDS = 1;
    private static final SecureRandom ISOLATION = new SecureRandom();

    private final Supplier<InetSocketAddress> proxy;
    private final Supplier<EventLoopGroup> loops;

    /** {@code socks} must be resolved (e.g. {@code new InetSocketAddress("127.0.0.1", 9050)}). */
    public OnionDialer(InetSocketAddress socks) {
        this(() -> socks);
    }

    /** Asks {@code socks} for the proxy at every dial, so a relaunched tor's new SocksPort is used. */
    public OnionDialer(Supplier<InetSocketAddress> socks) {
        this(socks, () -> new NioEventLoopGroup(1, new DefaultThreadFactory("onion-dialer", true)));
    }

    /** With each connection's loop from {@code loops} (a test watches them end). */
    OnionDialer(Supplier<InetSocketAddress> socks, Supplier<EventLoopGroup> loops) {
        this.proxy = socks;
        this.loops = loops;
    }

    @Override
    public Connection dial(String address, Duration timeout) throws IOException {
        HostPort target = parse(address);
        InetSocketAddress socks = proxy.get();
        String description = "onion " + target.host() + ":" + target.port() + " via socks " + socks.getHostString()
                + ":" + socks.getPort();
        ChannelConnection connection = new ChannelConnection(description);
        Socks5ProxyHandler proxy = new Socks5ProxyHandler(socks, isolationToken(), "-");
        SocksReplyRecorder recorder = new SocksReplyRecorder();
        proxy.setConnectTimeoutMillis(Math.max(1, timeout.toMillis()));
        EventLoopGroup loop = loops.get();
        boolean dialed = false;
        try {
            Connection open = dial(target, timeout, connection, proxy, recorder, loop, socks);
            dialed = true;
            return open;
        } finally {
            if (!dialed) {
                loop.shutdownGracefully(LOOP_QUIET_SECONDS, LOOP_QUIET_SECONDS + 2, TimeUnit.SECONDS);
            }
        }
    }

    /** The dial itself, on {@code loop}, which ends when the connection closes. */
    private static Connection dial(HostPort target, Duration timeout, ChannelConnection connection, Socks5ProxyHandler proxy,
            SocksReplyRecorder recorder, EventLoopGroup loop, InetSocketAddress socks) throws IOException {
        Bootstrap b = ChannelConnection.configure(new Bootstrap())
                .group(loop)
                .channel(NioSocketChannel.class)
                .resolver(NoopAddressResolverGroup.INSTANCE)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis())))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(PROXY, proxy).addLast(connection.handler());
                        // the proxy handler has just put its decoder in front of itself; listen right behind it
                        ch.pipeline().addBefore(PROXY, null, recorder);
                    }
                });
        ChannelFuture connect = b.connect(InetSocketAddress.createUnresolved(target.host(), target.port()));
        Channel ch = connect.channel();
        // Not at once: what the close itself still hands the loop (the connection's linger, a last read request) must
        // find it taking tasks, and it takes them until none came for a quiet period.
        ch.closeFuture().addListener(closed -> loop.shutdownGracefully(LOOP_QUIET_SECONDS, LOOP_QUIET_SECONDS + 2, TimeUnit.SECONDS));
        try {
            if (!connect.await(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS)) {
                ch.close();
                throw new SocksException(-1, "no answer from tor's SOCKS port " + socks + " within " + timeout.toSeconds()
                        + " s while dialing " + target.host() + ":" + target.port());
            }
            if (!connect.isSuccess()) {
                throw failure(connect.cause(), recorder, socks, target);
            }
            Future<Channel> handshake = proxy.connectFuture();
            if (!handshake.await(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS)) {
                ch.close();
                throw new SocksException(-1, "connecting to " + target.host() + ":" + target.port() + " through tor timed out after "
                        + timeout.toSeconds() + " s");
            }
            if (!handshake.isSuccess()) {
                ch.close();
                throw failure(handshake.cause(), recorder, socks, target);
            }
        } catch (InterruptedException e) {
            ch.close();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while dialing " + target.host());
        }
        return connection.open((SocketChannel) ch);
    }

    /** Not a secret: tor only compares it with other streams' tokens. */
    static String isolationToken() {
        byte[] b = new byte[16];
        ISOLATION.nextBytes(b);
        return "annex-p2p-" + HexFormat.of().formatHex(b);
    }

    private static SocksException failure(Throwable cause, SocksReplyRecorder recorder, InetSocketAddress socks,
            HostPort target) {
        int code = recorder.replyCode();
        String where = target.host() + ":" + target.port();
        if (code > 0) {
            return new SocksException(code, "tor could not reach " + where + ": " + SocksReply.explain(code));
        }
        if (cause instanceof ProxyConnectException && cause.getMessage() != null && cause.getMessage().contains("timeout")) {
            return new SocksException(-1, "tor did not connect to " + where + " in time; the onion may be unreachable");
        }
        return SocksException.torUnusable("cannot dial " + where + ": cannot use tor's SOCKS port " + socks.getHostString()
                + ":" + socks.getPort() + " (" + cause.getMessage() + "); is tor running, and is this its SocksPort?");
    }

    record HostPort(String host, int port) {
    }

    static HostPort parse(String address) {
        if (address != null && address.startsWith(TorAnnexAddress.SCHEME)) {
            TorAnnexAddress a = TorAnnexAddress.parse(address);
            return new HostPort(a.onion().hostname(), a.port());
        }
        int colon = address == null ? -1 : address.lastIndexOf(':');
        if (colon < 0) {
            throw new OnionAddressException("onion address " + (address == null ? "''" : "'" + address + "'")
                    + " lacks a port; use ONION.onion:PORT");
        }
        TorAnnexAddress a = new TorAnnexAddress(OnionAddress.parse(address.substring(0, colon)),
                port(address.substring(colon + 1)));
        return new HostPort(a.onion().hostname(), a.port());
    }

    private static int port(String text) {
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new OnionAddressException("'" + text + "' is not a port number (1-65535)");
        }
        return Integer.parseInt(text);
    }
}
