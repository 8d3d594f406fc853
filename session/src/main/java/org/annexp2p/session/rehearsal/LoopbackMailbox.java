package org.annexp2p.session.rehearsal;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.net.InetSocketAddress;
import java.net.URI;
import org.annexp2p.wormhole.mailbox.RehearsalMailbox;

/**
 * A {@link RehearsalMailbox} on a loopback WebSocket, so that the rehearsed wormhole commands reach it as they reach a
 * real mailbox server ({@code --relay-url ws://127.0.0.1:PORT/v1}). Enough of a mailbox for a rehearsal, not a server
 * to run.
 */
final class LoopbackMailbox implements AutoCloseable {

    private static final int MAX_FRAME = 1 << 20;

    private final EventLoopGroup loop = new NioEventLoopGroup(1);
    private final Channel listening;

    LoopbackMailbox() throws InterruptedException {
        RehearsalMailbox mailbox = new RehearsalMailbox();
        try {
            listening = new ServerBootstrap().group(loop).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_FRAME),
                                    new WebSocketServerProtocolHandler("/v1", null, false, MAX_FRAME),
                                    new Frames(mailbox));
                        }
                    })
                    .bind("127.0.0.1", 0).sync().channel();
        } catch (InterruptedException | RuntimeException e) {
            loop.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.SECONDS);
            throw e;
        }
    }

    /** The URL the commands take as {@code --relay-url}. */
    URI url() {
        return URI.create("ws://127.0.0.1:" + ((InetSocketAddress) listening.localAddress()).getPort() + "/v1");
    }

    @Override
    public void close() {
        listening.close();
        loop.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** One WebSocket connection: a client of the mailbox from the handshake on. */
    private static final class Frames extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        private final RehearsalMailbox mailbox;
        private RehearsalMailbox.Client client;

        Frames(RehearsalMailbox mailbox) {
            this.mailbox = mailbox;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
                Channel ch = ctx.channel();
                client = mailbox.connect(frame -> ch.writeAndFlush(new TextWebSocketFrame(frame)));
            }
            super.userEventTriggered(ctx, event);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
            if (client != null) {
                client.receive(frame.text());
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            if (client != null) {
                client.disconnected();
            }
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
