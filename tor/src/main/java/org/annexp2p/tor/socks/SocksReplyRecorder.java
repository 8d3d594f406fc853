package org.annexp2p.tor.socks;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.socksx.v5.Socks5CommandResponse;

/**
 * Sits between the SOCKS5 decoder and Netty's (final) Socks5ProxyHandler and remembers the CONNECT reply code,
 * which the handler's exception only mentions in passing; needed to explain tor's 0xF0-0xF7 codes.
 */
final class SocksReplyRecorder extends ChannelInboundHandlerAdapter {

    private volatile int replyCode = -1;

    int replyCode() {
        return replyCode;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Socks5CommandResponse r) {
            replyCode = r.status().byteValue() & 0xff;
            ctx.pipeline().remove(this);
        }
        ctx.fireChannelRead(msg);
    }
}
