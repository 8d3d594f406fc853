package org.annexp2p.tor.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.annexp2p.transports.ChannelStreams;
import org.annexp2p.transports.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnixSocketListenerTest {

    @Test
    void readsAndWritesAtOnceReplacesAStaleSocketAndRemovesItOnClose(@TempDir Path dir) throws Exception {
        Path sock = dir.resolve("d/s");
        Files.createDirectories(sock.getParent());
        Files.writeString(sock, "stale");
        try (UnixSocketListener l = UnixSocketListener.bind(sock)) {
            assertThat(l.address()).isEqualTo("unix:" + sock.toAbsolutePath());
            CompletableFuture<Connection> accepted = CompletableFuture.supplyAsync(() -> {
                try {
                    return l.accept();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            try (SocketChannel client = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                client.connect(UnixDomainSocketAddress.of(sock));
                try (Connection server = accepted.get(10, TimeUnit.SECONDS)) {
                    // a reader blocked on the same channel must not stop the writer (the Java 17 trap)
                    CompletableFuture<Integer> blockedRead = CompletableFuture.supplyAsync(() -> {
                        try {
                            return server.input().read();
                        } catch (IOException e) {
                            return -2;
                        }
                    });
                    server.output().write("pong".getBytes());
                    server.output().flush();
                    byte[] got = ChannelStreams.input(client).readNBytes(4);
                    assertThat(new String(got)).isEqualTo("pong");
                    ChannelStreams.output(client).write('x');
                    assertThat(blockedRead.get(10, TimeUnit.SECONDS)).isEqualTo((int) 'x');
                    server.shutdownOutput();
                    assertThat(ChannelStreams.input(client).read()).isEqualTo(-1);
                }
            }
        }
        assertThat(sock).doesNotExist();
    }

    @Test
    void closingUnblocksAccept(@TempDir Path dir) throws Exception {
        UnixSocketListener l = UnixSocketListener.bind(dir.resolve("s"));
        CompletableFuture<Object> accepting = CompletableFuture.supplyAsync(() -> {
            try {
                return l.accept();
            } catch (IOException e) {
                return e;
            }
        });
        l.close();
        assertThat(accepting.get(10, TimeUnit.SECONDS)).isInstanceOf(IOException.class);
        UnixSocketListener.bind(dir.resolve("missing-parent-is-created/s")).close();
        assertThat(dir.resolve("missing-parent-is-created")).isDirectory();
    }
}
