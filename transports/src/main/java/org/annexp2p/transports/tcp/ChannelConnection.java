package org.annexp2p.transports.tcp;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelHandler;
import io.netty.channel.socket.SocketChannel;
import org.annexp2p.transports.Connection;

/**
 * The TCP transport's blocking view of a socket channel, for dialers that set the channel up themselves (a
 * SOCKS dial through tor): put {@link #handler()} last in the pipeline, and once the channel is connected end
 * to end {@link #open} it. The connection then has exactly the TCP transport's backpressure, half-close and
 * orderly close, which chains the FIN behind the last queued write instead of dropping queued bytes.
 */
public final class ChannelConnection {

    private final NettyInbound inbound;
    private final String label;

    public ChannelConnection(String label) {
        this.label = label;
        this.inbound = new NettyInbound(label);
    }

    /** The options the blocking view relies on: auto-read off, half-closure, the transport's water marks. */
    public static Bootstrap configure(Bootstrap bootstrap) {
        TcpTransport.configure(bootstrap);
        return bootstrap;
    }

    /** The inbound handler to add last in the channel's pipeline, before the channel connects. */
    public ChannelHandler handler() {
        return inbound;
    }

    /**
     * The connection, once a handshake in front of {@link #handler()} has finished; reading resumes now, since
     * a read request made during the handshake may have been consumed by it.
     */
    public Connection open(SocketChannel channel) {
        channel.eventLoop().execute(inbound::resumeReading);
        return new NettyConnection(channel, inbound, label);
    }
}
