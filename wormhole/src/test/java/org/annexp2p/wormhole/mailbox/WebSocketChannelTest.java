package org.annexp2p.wormhole.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A mailbox server that cannot be reached is described in words, never by an exception's type. */
class WebSocketChannelTest {

    @Test
    void theJdksMessagelessFailuresAreSaidInWords() {
        ConnectException refused = new ConnectException();
        refused.initCause(new ClosedChannelException());
        assertThat(WebSocketChannel.describe(new java.io.IOException(refused))).isEqualTo("connection refused");
        assertThat(WebSocketChannel.describe(new java.io.IOException(new ClosedChannelException()))).isEqualTo("the connection was closed");
        assertThat(WebSocketChannel.describe(new java.io.IOException(new UnresolvedAddressException()))).isEqualTo("unknown host");
        assertThat(WebSocketChannel.describe(new RuntimeException())).isEqualTo("the connection failed");
    }

    @Test
    void aClosedPortIsRefusedInWords() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        try (MailboxSockets sockets = new MailboxSockets(URI.create("ws://127.0.0.1:" + closed + "/v1"), Duration.ofSeconds(5))) {
            sockets.open().close();
            throw new AssertionError("connected to a closed port");
        } catch (Exception e) {
            assertThat(e.getMessage()).doesNotContain("Exception").contains("127.0.0.1:" + closed);
        }
    }
}
