package org.annexp2p.web.browser;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A second web site on another loopback port, as an attacker's page (or any page but ours) is to the browser: a
 * different origin. Serves fixed files by path, with no security headers of its own, and closes each connection.
 */
final class ForeignSite implements AutoCloseable {
    private final EventLoopGroup loop;
    private final Channel channel;

    private ForeignSite(EventLoopGroup loop, Channel channel) {
        this.loop = loop;
        this.channel = channel;
    }

    /** Serves {@code files} (path to body; the type from the name's ending) on 127.0.0.1 at a free port. */
    static ForeignSite serving(Map<String, String> files) throws InterruptedException {
        EventLoopGroup loop = new NioEventLoopGroup(1);
        Channel channel = new ServerBootstrap().group(loop).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536), new Files(files));
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
        return new ForeignSite(loop, channel);
    }

    /** The address of {@code path} here. */
    String url(String path) {
        return "http://127.0.0.1:" + ((InetSocketAddress) channel.localAddress()).getPort() + path;
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        loop.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static final class Files extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final Map<String, String> files;

        Files(Map<String, String> files) {
            this.files = files;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            String path = new QueryStringDecoder(request.uri()).path();
            String body = files.get(path);
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    body == null ? HttpResponseStatus.NOT_FOUND : HttpResponseStatus.OK,
                    Unpooled.copiedBuffer(body == null ? "not here" : body, StandardCharsets.UTF_8));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, path.endsWith(".js") ? "text/javascript"
                    : "text/html; charset=utf-8");
            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
