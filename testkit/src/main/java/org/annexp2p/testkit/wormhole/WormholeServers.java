package org.annexp2p.testkit.wormhole;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.annexp2p.testkit.process.Command;
import org.annexp2p.testkit.process.RunningCommand;

/** The Debian mailbox server and transit relay on free loopback ports; both stopped by close. */
public final class WormholeServers implements AutoCloseable {
    public final int mailboxPort;
    public final int relayPort;
    private final RunningCommand mailbox;
    private final RunningCommand relay;

    private WormholeServers(Path dir) throws IOException {
        Path twist = require("twist3", "python3-twisted (with python3-magic-wormhole-mailbox-server)");
        require("wormhole", "magic-wormhole");
        mailboxPort = freePort();
        relayPort = freePort();
        mailbox = Command.of(twist.toString(), "--log-format=text", "--log-file=" + dir.resolve("mailbox.log"),
                "wormhole-mailbox", "--port=tcp:" + mailboxPort + ":interface=127.0.0.1",
                "--channel-db=" + dir.resolve("relay.sqlite")).in(dir).start();
        RunningCommand r;
        try {
            r = Command.of(twist.toString(), "--log-format=text", "--log-file=" + dir.resolve("transit.log"),
                    "transitrelay", "--port=tcp:" + relayPort + ":interface=127.0.0.1").in(dir).start();
        } catch (IOException | RuntimeException e) {
            mailbox.close();
            throw e;
        }
        relay = r;
    }

    /** Starts both servers, failing (never skipping) when their Debian packages are missing. */
    public static WormholeServers start(Path dir) throws IOException {
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

    private void awaitListening(int port, String what, RunningCommand p) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!listening(port) && Instant.now().isBefore(deadline)) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        assertThat(listening(port)).as("interop peer missing or broken: %s did not start on port %d; %s said: %s",
                what, port, p, p.said()).isTrue();
    }

    /** For {@code --relay-url} and {@code WORMHOLE_RELAY_URL}. */
    public String relayUrl() {
        return "ws://127.0.0.1:" + mailboxPort + "/v1";
    }

    /** For {@code --transit-helper} and {@code WORMHOLE_TRANSIT_HELPER}. */
    public String transitHelper() {
        return "tcp:127.0.0.1:" + relayPort;
    }

    public static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Fails naming the Debian package when a peer program is not on PATH. */
    private static Path require(String program, String debianPackage) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return fail("interop peer missing: program '" + program + "' (Debian package " + debianPackage + ") is not on PATH");
    }

    @Override
    public void close() {
        mailbox.close();
        relay.close();
    }
}
