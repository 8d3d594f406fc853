package org.annexp2p.tor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A client's refetch is a help, never a hazard: a control port it cannot use costs the dial one failed connection,
 * not an error and not a connection per retry.
 */
class DescriptorRefetchTest {
    static final String ID = "lwkwvuvzt4g2gwkcom6wccjbqxzx427f66gog54tftaw2dp5oqmt6jqd";

    @Test
    void aControlPortThatIsNotTorIsTriedOnceAndThenLeftAlone() throws Exception {
        AtomicInteger connections = new AtomicInteger();
        try (ServerSocket notTor = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                while (!notTor.isClosed()) {
                    try (Socket s = notTor.accept()) {
                        connections.incrementAndGet();
                        s.getOutputStream().write("HTTP/1.0 400 Bad Request\r\n\r\n".getBytes());
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            try (DescriptorRefetch refetch = DescriptorRefetch.from(
                    Map.of(TorOptions.ENV_CONTROL, "127.0.0.1:" + notTor.getLocalPort()))) {
                refetch.refetch(ID);
                refetch.refetch(ID);
                refetch.refetch(ID);
            }
        }
        assertThat(connections).hasValue(1);
    }

    @Test
    void aControlAddressThatDoesNotParseIsNoError() {
        try (DescriptorRefetch refetch = DescriptorRefetch.from(Map.of(TorOptions.ENV_CONTROL, "not an address::"))) {
            assertThatCode(() -> refetch.refetch(ID)).doesNotThrowAnyException();
        }
    }
}
