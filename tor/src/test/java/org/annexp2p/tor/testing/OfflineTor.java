package org.annexp2p.tor.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.annexp2p.testkit.process.Command;
import org.annexp2p.testkit.process.Finished;
import org.annexp2p.testkit.process.RunningCommand;
import org.annexp2p.tor.control.ControlEndpoint;

/**
 * A single tor with {@code DisableNetwork 1}: it never contacts any network, yet its control port does
 * everything but SOCKS and reachability (auth, ADD_ONION, GETINFO). Dies with the JVM.
 */
public final class OfflineTor implements AutoCloseable {

    private final Path dir;
    private final RunningCommand process;
    private final int controlPort;

    private OfflineTor(Path dir, RunningCommand process, int controlPort) {
        this.dir = dir;
        this.process = process;
        this.controlPort = controlPort;
    }

    /** Starts tor in {@code dir} with our base lines plus {@code extra}; waits (bounded) for its control port. */
    public static OfflineTor start(Path dir, String extra) throws IOException, InterruptedException {
        Files.createDirectories(dir.resolve("data"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.createDirectories(dir.resolve("ctl"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.writeString(dir.resolve("empty"), "");
        // tor picks its control port and says which: a port picked free here could be taken before tor binds it
        // (any connect() may be given it as its local end), and tor would exit "Failed to bind ..."
        Files.writeString(dir.resolve("torrc"), "DataDirectory " + dir.resolve("data") + "\n"
                + "DisableNetwork 1\n"
                + "SocksPort 0\n"
                + "ControlPort 127.0.0.1:auto\n"
                + "ControlPortWriteToFile " + dir.resolve("ctl/port") + "\n"
                + "ControlSocket " + dir.resolve("ctl/sock") + "\n"
                + "GeoIPFile " + dir.resolve("empty") + "\nGeoIPv6File " + dir.resolve("empty") + "\n"
                + "Log notice file " + dir.resolve("notice.log") + "\n"
                + extra + "\n", StandardCharsets.UTF_8);
        RunningCommand p = Command.of("tor", "--defaults-torrc", dir.resolve("empty").toString(), "-f",
                dir.resolve("torrc").toString(), "__OwningControllerProcess", Long.toString(ProcessHandle.current().pid()))
                .log(dir.resolve("stdout.log")).start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        int port;
        while ((port = writtenControlPort(dir)) == 0 || !ready(dir, port)) {
            if (!p.alive() || Instant.now().isAfter(deadline)) {
                p.close();
                throw new IOException("offline tor did not open its control port: " + p.said());
            }
            p.exitsWithin(Duration.ofMillis(50));
        }
        return new OfflineTor(dir, p, port);
    }

    /**
     * The TCP port in tor's ControlPortWriteToFile ("PORT=127.0.0.1:PORT", then "UNIX_PORT=..." for the socket; tor
     * renames the file into place whole), or 0 before tor wrote it.
     */
    static int writtenControlPort(Path dir) {
        try {
            return Files.readAllLines(dir.resolve("ctl/port")).stream().filter(l -> l.startsWith("PORT="))
                    .mapToInt(l -> Integer.parseInt(l.substring(l.lastIndexOf(':') + 1).strip())).findFirst().orElse(0);
        } catch (IOException | RuntimeException notYet) {
            return 0;
        }
    }

    private static boolean ready(Path dir, int controlPort) {
        try (java.net.Socket probe = new java.net.Socket("127.0.0.1", controlPort)) {
            return probe.isConnected() && Files.exists(dir.resolve("ctl/sock"));
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code tor --hash-password}, for HashedControlPassword lines. */
    public static String hashPassword(String password) throws IOException, InterruptedException {
        Finished hashed = Command.of("tor", "--quiet", "--hash-password", password).run(Duration.ofSeconds(30));
        String out = hashed.out() + hashed.err();
        List<String> lines = out.lines().filter(l -> l.startsWith("16:")).toList();
        if (lines.isEmpty()) {
            throw new IOException("tor --hash-password printed no hash: " + out);
        }
        return lines.get(0).strip();
    }

    public ControlEndpoint.Tcp tcp() {
        return new ControlEndpoint.Tcp("127.0.0.1", controlPort);
    }

    public ControlEndpoint.Unix unix() {
        return new ControlEndpoint.Unix(dir.resolve("ctl/sock"));
    }

    public Path cookie() {
        return dir.resolve("data/control_auth_cookie");
    }

    public boolean alive() {
        return process.alive();
    }

    /** SIGKILL, as a crash would; returns once it has exited. */
    public void kill() throws InterruptedException {
        process.kill();
    }

    /** SIGTERM; SIGKILL if it has not exited after a grace period. */
    @Override
    public void close() {
        process.close();
    }
}
