package org.annexp2p.testkit.wormhole;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.annexp2p.testkit.process.Command;
import org.annexp2p.testkit.process.Programs;
import org.annexp2p.testkit.process.RunningCommand;

/**
 * The Debian mailbox server and transit relay on free loopback ports, for one test class; both stopped by close.
 * A missing package fails the test (never skips it), naming the package.
 */
public final class WormholeServers implements AutoCloseable {

    private final int mailboxPort;
    private final int relayPort;
    private final Path dir;
    private final List<String> mailboxCommand;
    private final RunningCommand relay;
    private RunningCommand mailbox;

    private WormholeServers(Path dir, List<String> mailboxExtra) throws IOException {
        this.dir = dir;
        Path twist = Programs.require("twist3", "python3-twisted (with python3-magic-wormhole-mailbox-server)");
        Programs.require("wormhole", "magic-wormhole");
        mailboxPort = freePort();
        relayPort = freePort();
        List<String> command = new ArrayList<>(List.of(twist.toString(), "--log-format=text", "--log-file=" + dir.resolve("mailbox.log"),
                "wormhole-mailbox", "--port=tcp:" + mailboxPort + ":interface=127.0.0.1",
                "--channel-db=" + dir.resolve("relay.sqlite")));
        command.addAll(mailboxExtra);
        mailboxCommand = List.copyOf(command);
        mailbox = server(mailboxCommand, dir);
        try {
            relay = server(List.of(twist.toString(), "--log-format=text",
                    "--log-file=" + dir.resolve("transit.log"), "transitrelay", "--port=tcp:" + relayPort + ":interface=127.0.0.1"),
                    dir);
        } catch (RuntimeException e) {
            mailbox.close();
            throw e;
        }
    }

    /** Starts both in {@code dir} (their logs and database), the mailbox server with {@code mailboxExtra} options. */
    public static WormholeServers start(Path dir, String... mailboxExtra) throws IOException {
        WormholeServers servers = new WormholeServers(dir, List.of(mailboxExtra));
        try {
            awaitListening(servers.mailbox, servers.mailboxPort, "the mailbox server (Debian package python3-magic-wormhole-mailbox-server)");
            awaitListening(servers.relay, servers.relayPort, "the transit relay (Debian package magic-wormhole-transit-relay)");
            return servers;
        } catch (RuntimeException | Error e) {
            servers.close();
            throw e;
        }
    }

    private static RunningCommand server(List<String> command, Path dir) {
        try {
            return Command.of(command).in(dir).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** A missing twistd plugin shows up as twist3 exiting at once; say which package that is. */
    private static void awaitListening(RunningCommand server, int port, String what) {
        assertThat(until(() -> listening(port) || !server.alive(), Duration.ofSeconds(30)) && listening(port))
                .as("interop peer missing or broken: %s did not start on port %d; its output: %s %s",
                        what, port, server.err(), server.out())
                .isTrue();
    }

    /** Stops the mailbox server and starts it again on the same port and database, as an outage would. */
    public void restartMailbox() {
        mailbox.close();
        assertThat(until(() -> !listening(mailboxPort), Duration.ofSeconds(10))).as("mailbox server stopped").isTrue();
        mailbox = server(mailboxCommand, dir);
        awaitListening(mailbox, mailboxPort, "the restarted mailbox server");
    }

    /** The mailbox server, as {@code --relay-url} takes it. */
    public String relayUrl() {
        return relayUri().toString();
    }

    public URI relayUri() {
        return URI.create("ws://127.0.0.1:" + mailboxPort + "/v1");
    }

    /** The transit relay, as {@code --transit-helper} takes it. */
    public String transitHelper() {
        return "tcp:127.0.0.1:" + relayPort;
    }

    public int relayPort() {
        return relayPort;
    }

    /** A loopback TCP port that was free a moment ago. */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Ports give no notice when they open or close: poll, up to {@code timeout}. */
    private static boolean until(BooleanSupplier condition, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return true;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        return condition.getAsBoolean();
    }

    @Override
    public void close() {
        mailbox.close();
        relay.close();
    }
}
