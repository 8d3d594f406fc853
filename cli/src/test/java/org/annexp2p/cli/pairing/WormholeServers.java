package org.annexp2p.cli.pairing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** The Debian mailbox server and transit relay on free loopback ports; both stopped by close. */
final class WormholeServers implements AutoCloseable {
    final int mailboxPort;
    final int relayPort;
    private final PeerProcess mailbox;
    private final PeerProcess relay;

    private WormholeServers(Path dir) throws IOException {
        Path twist = PeerProcess.require("twist3", "python3-twisted (with python3-magic-wormhole-mailbox-server)");
        PeerProcess.require("wormhole", "magic-wormhole");
        mailboxPort = freePort();
        relayPort = freePort();
        mailbox = PeerProcess.start("mailbox server", List.of(twist.toString(), "--log-format=text",
                "--log-file=" + dir.resolve("mailbox.log"), "wormhole-mailbox",
                "--port=tcp:" + mailboxPort + ":interface=127.0.0.1", "--channel-db=" + dir.resolve("relay.sqlite")),
                dir, Map.of());
        PeerProcess r;
        try {
            r = PeerProcess.start("transit relay", List.of(twist.toString(), "--log-format=text",
                    "--log-file=" + dir.resolve("transit.log"), "transitrelay",
                    "--port=tcp:" + relayPort + ":interface=127.0.0.1"), dir, Map.of());
        } catch (IOException | RuntimeException e) {
            mailbox.close();
            throw e;
        }
        relay = r;
    }

    static WormholeServers start(Path dir) throws IOException {
        WormholeServers s = new WormholeServers(dir);
        try {
            s.awaitListening(s.mailboxPort, "the mailbox server (Debian package python3-magic-wormhole-mailbox-server)", s.mailbox);
            s.awaitListening(s.relayPort, "the transit relay (Debian package magic-wormhole-transit-relay)", s.relay);
            return s;
        } catch (RuntimeException | Error e) {
            s.close();
            throw e;
        }
    }

    private void awaitListening(int port, String what, PeerProcess p) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!listening(port) && Instant.now().isBefore(deadline)) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        assertThat(listening(port)).as("interop peer missing or broken: %s did not start on port %d; %s", what, port, p).isTrue();
    }

    String relayUrl() {
        return "ws://127.0.0.1:" + mailboxPort + "/v1";
    }

    String transitHelper() {
        return "tcp:127.0.0.1:" + relayPort;
    }

    static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        mailbox.close();
        relay.close();
    }
}
