package org.annexp2p.wormhole;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.annexp2p.testkit.process.Command;
import org.annexp2p.testkit.process.RunningCommand;
import org.annexp2p.wormhole.transit.TcpHint;

/** A mailbox server and a transit relay (the Debian packages) on free loopback ports, for one test class. */
final class LocalServers implements AutoCloseable {

    private final List<RunningCommand> processes = new ArrayList<>();
    final int mailboxPort;
    final int relayPort;

    private final Path dir;
    private final List<String> mailboxCommand;
    private RunningCommand mailbox;

    private LocalServers(Path dir, List<String> mailboxExtra) throws Exception {
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
            RunningCommand relay = server(List.of(twist.toString(), "--log-format=text",
                    "--log-file=" + dir.resolve("transit.log"), "transitrelay", "--port=tcp:" + relayPort + ":interface=127.0.0.1"),
                    dir);
            processes.add(relay);
            awaitListening(mailbox, mailboxPort, "the mailbox server (Debian package python3-magic-wormhole-mailbox-server)");
            awaitListening(relay, relayPort, "the transit relay (Debian package magic-wormhole-transit-relay)");
        } catch (RuntimeException | Error e) {
            close();
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
        assertThat(Await.until(() -> listening(port) || !server.alive(), Duration.ofSeconds(20)) && listening(port))
                .as("interop peer missing or broken: %s did not start on port %d; its output: %s %s",
                        what, port, server.err(), server.out())
                .isTrue();
    }

    /** Stops the mailbox server and starts it again on the same port and database, as an outage would. */
    void restartMailbox() {
        mailbox.close();
        assertThat(Await.until(() -> !listening(mailboxPort), Duration.ofSeconds(10))).as("mailbox server stopped").isTrue();
        mailbox = server(mailboxCommand, dir);
        awaitListening(mailbox, mailboxPort, "the restarted mailbox server");
    }

    static LocalServers start(Path dir, String... mailboxExtra) throws Exception {
        LocalServers servers = new LocalServers(dir, List.of(mailboxExtra));
        return servers;
    }

    URI relayUrl() {
        return URI.create("ws://127.0.0.1:" + mailboxPort + "/v1");
    }

    TcpHint transitHelper() {
        return new TcpHint("127.0.0.1", relayPort, 0.0);
    }

    String transitEndpoint() {
        return "tcp:127.0.0.1:" + relayPort;
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        mailbox.close();
        for (RunningCommand p : processes) {
            p.close();
        }
    }
}
