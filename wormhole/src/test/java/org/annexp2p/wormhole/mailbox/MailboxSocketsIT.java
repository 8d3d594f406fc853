package org.annexp2p.wormhole.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.annexp2p.testkit.wormhole.WormholeServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against the real mailbox server: closing a mailbox client's sockets ends their threads once the goodbye is said. */
class MailboxSocketsIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void closedSocketsSayGoodbyeThenEndTheirThreads(@TempDir Path dir) throws Exception {
        try (WormholeServers servers = WormholeServers.start(dir)) {
            MailboxSockets sockets = new MailboxSockets(servers.relayUri(), WAIT);
            FrameChannel first = sockets.open();
            FrameChannel.Inbound welcome = first.take(WAIT);
            assertThat(welcome).isInstanceOf(FrameChannel.Inbound.Frame.class);
            assertThat(ServerMessageCodec.decode(((FrameChannel.Inbound.Frame) welcome).text())).isInstanceOf(ServerMessage.Welcome.class);
            first.close();
            FrameChannel second = sockets.open();
            assertThat(second.take(WAIT)).as("a reconnect over the same client").isInstanceOf(FrameChannel.Inbound.Frame.class);
            second.close();

            sockets.close();
            assertThat(sockets.awaitClosed(WAIT)).as("its threads ended").isTrue();
            ((WebSocketChannel) first).ended().get(0, TimeUnit.SECONDS);
            ((WebSocketChannel) second).ended().get(0, TimeUnit.SECONDS);
        }
    }
}
