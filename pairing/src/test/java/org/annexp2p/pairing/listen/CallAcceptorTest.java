package org.annexp2p.pairing.listen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class CallAcceptorTest {

    @Test
    void everyCallGoesToTheListenerUntilClosedThenTheSocketIsShut() throws Exception {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        int port = server.getLocalPort();
        BlockingQueue<Integer> taken = new LinkedBlockingQueue<>();
        CallAcceptor acceptor = CallAcceptor.start(server, "test listener", call -> {
            try (call) {
                taken.add(call.getInputStream().read());
            } catch (IOException e) {
                taken.add(-2);
            }
        });
        for (int i = 1; i <= 3; i++) {
            try (Socket caller = new Socket(InetAddress.getLoopbackAddress(), port)) {
                caller.getOutputStream().write(i);
                assertThat(taken.poll(20, TimeUnit.SECONDS)).isEqualTo(i);
            }
        }
        acceptor.close(Duration.ofSeconds(20));
        assertThat(server.isClosed()).isTrue();
        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
                .isInstanceOf(ConnectException.class);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("test listener " + port));
    }
}
