package org.annexp2p.http.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.util.AttributeKey;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Ending a connection whose client may still be sending a request body that was answered without being read (a
 * refused or unneeded PUT). Closing at once with unread bytes in the socket makes the kernel reset the connection,
 * and a reset throws away the answer the client has not read yet: it sees a broken pipe instead of the reason. So
 * the answer goes out, then whatever the client still sends is read and dropped until it closes, for at most
 * {@link #TIME}, as HTTP servers have long done ("lingering close").
 */
final class Lingering {
    static final Duration TIME = Duration.ofSeconds(3);
    private static final AttributeKey<Boolean> DISCARDING = AttributeKey.valueOf("annex-p2p.lingering");

    private Lingering() {}

    /** Closes the connection once the write it is added to is done, after lingering if that write went out. */
    static final ChannelFutureListener CLOSE = f -> {
        if (f.isSuccess()) {
            start(f.channel());
        } else {
            f.channel().close();
        }
    };

    private static void start(Channel channel) {
        if (!channel.isActive()) {
            return;
        }
        channel.attr(DISCARDING).set(Boolean.TRUE);
        channel.config().setAutoRead(true);
        channel.eventLoop().schedule(() -> {
            channel.close();
        }, TIME.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether what arrives on this connection is only to be dropped. */
    static boolean discarding(Channel channel) {
        return Boolean.TRUE.equals(channel.attr(DISCARDING).get());
    }
}
