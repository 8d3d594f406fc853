package org.annexp2p.tor.privnet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.annexp2p.tor.TorException;
import org.annexp2p.tor.control.ControlAuth;
import org.annexp2p.tor.control.ControlConnection;
import org.annexp2p.tor.control.ControlEndpoint;

/** One tor daemon of the private network: a child process of this JVM with its own directory and torrc. */
final class TorNode {

    final String nickname;
    final Path dir;
    final int controlPort;
    Process process;

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
        process = new ProcessBuilder("tor", "--defaults-torrc", emptyDefaults.toString(), "-f", torrc().toString(),
                "__OwningControllerProcess", Long.toString(ProcessHandle.current().pid()))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.log").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
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

    /** Last lines of its log, for failure messages. */
    String logTail() {
        // a tor that fails before it opens its log (a bad option, a port it cannot bind) says why on stdout
        Path shown = Files.exists(log()) ? log() : dir.resolve("stdout.log");
        try {
            List<String> lines = Files.readAllLines(shown);
            return lines.isEmpty() ? "(" + shown.getFileName() + " is empty)"
                    : String.join("\n  ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
