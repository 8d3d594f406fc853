package org.annexp2p.tor.privnet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.annexp2p.testkit.process.Command;
import org.annexp2p.testkit.process.RunningCommand;
import org.annexp2p.tor.TorException;
import org.annexp2p.tor.control.ControlAuth;
import org.annexp2p.tor.control.ControlConnection;
import org.annexp2p.tor.control.ControlEndpoint;

/** One tor daemon of the private network: a child process of this JVM with its own directory and torrc. */
final class TorNode {
    /**
     * The watchdog's bound: the network is shared by every test class of a JVM, and its tors die with the JVM
     * ({@code __OwningControllerProcess}), so only a run hung for hours meets it.
     */
    private static final Duration LIFETIME = Duration.ofHours(3);

    final String nickname;
    final Path dir;
    final int controlPort;
    RunningCommand process;

    TorNode(String nickname, Path dir, int controlPort) {
        this.nickname = nickname;
        this.dir = dir;
        this.controlPort = controlPort;
    }

    Path torrc() {
        return dir.resolve("torrc");
    }

    Path log() {
        return dir.resolve("notice.log");
    }

    void start(Path emptyDefaults) throws IOException {
        process = Command.of("tor", "--defaults-torrc", emptyDefaults.toString(), "-f", torrc().toString(),
                "__OwningControllerProcess", Long.toString(ProcessHandle.current().pid()))
                .log(dir.resolve("stdout.log")).safety(LIFETIME).start();
    }

    ControlConnection control(Duration timeout) throws TorException {
        return ControlConnection.open(new ControlEndpoint.Tcp("127.0.0.1", controlPort),
                ControlAuth.cookie(dir.resolve("control_auth_cookie")), timeout, timeout);
    }

    boolean cookieReady() {
        try {
            return Files.size(dir.resolve("control_auth_cookie")) == 32;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Whether it has exited because a listener port it was given was taken: tor says so on stdout (it has not
     * opened its log yet) and exits at start.
     */
    boolean exitedOnBindFailure() {
        if (process == null || process.alive()) {
            return false;
        }
        process.close(); // it has exited: this only waits until all it printed has been read
        return process.said().contains("Failed to bind one of the listener ports");
    }

    /** Last lines of its log, for failure messages. */
    String logTail() {
        try {
            if (Files.exists(log())) {
                return tail(Files.readAllLines(log()), log().getFileName().toString());
            }
            // a tor that fails before it opens its log (a bad option, a port it cannot bind) says why on stdout
            if (process == null) {
                return "(not started)";
            }
            if (!process.alive()) {
                process.close(); // it has exited: this only waits until all it printed has been read
            }
            return tail(process.said().lines().toList(), "its output");
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static String tail(List<String> lines, String what) {
        return lines.isEmpty() ? "(" + what + " is empty)"
                : String.join("\n  ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    }

    /** SIGTERM, then SIGKILL after a grace period; its output is all read by the time this returns. */
    void stop() {
        if (process != null) {
            process.close();
        }
    }
}
