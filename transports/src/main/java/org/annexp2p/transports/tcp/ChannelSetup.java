package org.annexp2p.transports.tcp;

import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.Future;
import java.io.IOException;

/**
 * What a new channel goes through before its bytes are the peer's: nothing for plain TCP, a TLS handshake for TLS.
 * A channel whose setup fails is closed and never becomes a {@link org.annexp2p.transports.Connection}: a listener
 * never hands it to a server, so a peer that cannot complete the handshake takes none of the server's slots.
 */
interface ChannelSetup {

    ChannelSetup PLAIN = new ChannelSetup() {
        @Override
        public String scheme() {
            return "tcp";
        }

        @Override
        public Future<?> begin(SocketChannel channel) {
            return null;
        }
    };

    /** How connections describe themselves: {@code tcp} or {@code tls}. */
    String scheme();

    /**
     * Puts its handlers at the front of {@code channel}'s pipeline (before it is active). Returns the future that
     * completes once the channel may carry the peer's bytes, or null when it may at once.
     */
    Future<?> begin(SocketChannel channel);

    /** A dial's failure to set the channel up, in one line naming {@code target}. */
    default IOException failure(String target, Throwable cause) {
        return new IOException("cannot connect to " + target + ": " + NettyInbound.describe(cause), cause);
    }
}
