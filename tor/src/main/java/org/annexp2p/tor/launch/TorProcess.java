package org.annexp2p.tor.launch;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.annexp2p.tor.TorException;
import org.annexp2p.tor.TorException.Reason;
import org.annexp2p.tor.control.ControlAuth;
import org.annexp2p.tor.control.ControlConnection;
import org.annexp2p.tor.control.ControlEndpoint;

/**
 * A private tor we launched and own: its own DataDirectory under a state directory, a control port on a free
 * loopback port (tor writes it to a file), cookie authentication, and two independent ties to our life: tor
 * exits when this JVM dies ({@code __OwningControllerProcess}) and when our control connection closes
 * (TAKEOWNERSHIP). Closing it waits (bounded) for the process to exit and kills it otherwise.
 */
public final class TorProcess implements Closeable {

    private static final Duration EXIT_WAIT = Duration.ofSeconds(10);
    /** tor waits 5 s for another tor on the same data directory to go away before it exits saying so. */
    private static final Duration EXIT_AFTER_LOST_CONTROL = Duration.ofSeconds(8);
    static final String TORRC = "torrc";

    private final Process process;
    private final ControlConnection control;
    private final Path logFile;
    private final Thread shutdownHook;

    private TorProcess(Process process, ControlConnection control, Path logFile, Thread shutdownHook) {
        this.process = process;
        this.control = control;
        this.logFile = logFile;
        this.shutdownHook = shutdownHook;
    }

    /**
     * Starts tor and returns once its control connection is authenticated and owns it. {@code extraTorrc}, if
     * given, is included after our own lines, so it can add to or override them (e.g. join a private network).
     * The caller holds the {@link StateDirectoryLock} of {@code stateDir}. When tor exits during start-up, the error
     * quotes tor's reason from its log and names the log.
     */
    public static TorProcess launch(String pathVariable, Path stateDir, Optional<Path> extraTorrc, Duration timeout,
            Duration commandTimeout) throws TorException {
        Path tor = TorExecutable.find(pathVariable);
        Path dataDir = stateDir.resolve("tor-data").toAbsolutePath();
        Path torrc = stateDir.resolve(TORRC).toAbsolutePath();
        Path pidFile = stateDir.resolve(StateDirectoryLock.TOR_PID).toAbsolutePath();
        Path defaults = stateDir.resolve("torrc-defaults").toAbsolutePath();
        Path portFile = dataDir.resolve("control-port");
        Path cookie = dataDir.resolve("control_auth_cookie");
        Path log = stateDir.resolve("tor.log").toAbsolutePath();
        if (extraTorrc.isPresent() && !Files.isReadable(extraTorrc.get())) {
            throw new TorException(Reason.BAD_CONFIG, "extra tor configuration " + extraTorrc.get()
                    + " does not exist or is not readable; fix the --tor-extra-config path");
        }
        try {
            Files.createDirectories(stateDir);
            if (!Files.isDirectory(dataDir)) {
                Files.createDirectories(dataDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
            Files.deleteIfExists(portFile);
            if (Files.exists(log)) {
                // keep the previous run's log (e.g. why it died) next to the new one
                Files.move(log, log.resolveSibling("tor.log.1"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            Files.writeString(defaults, "");
            Files.writeString(torrc, torrc(dataDir, portFile, pidFile, extraTorrc.map(p -> p.toAbsolutePath())), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new TorException(Reason.BAD_CONFIG, "cannot prepare tor's state directory " + stateDir + " ("
                    + e.getMessage() + "); check that it is writable", e);
        }
        ProcessBuilder pb = new ProcessBuilder(tor.toString(), "--defaults-torrc", defaults.toString(), "-f", torrc.toString(),
                "__OwningControllerProcess", Long.toString(ProcessHandle.current().pid()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new TorException(Reason.TOR_MISSING, "cannot run " + tor + " (" + e.getMessage()
                    + "); check the tor installation", e);
        }
        Thread hook = new Thread(process::destroyForcibly, "tor-process-reaper");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            Instant deadline = Instant.now().plus(timeout);
            ControlEndpoint endpoint = awaitControlPort(process, portFile, log, deadline);
            awaitFile(process, cookie, log, deadline);
            Duration left = Duration.between(Instant.now(), deadline);
            ControlConnection control;
            try {
                control = ControlConnection.open(endpoint, ControlAuth.cookie(cookie),
                        left.isNegative() ? Duration.ofSeconds(1) : left, commandTimeout);
            } catch (TorException e) {
                throw exitedInstead(process, log, e);
            }
            try {
                control.takeOwnership();
            } catch (TorException e) {
                control.close();
                throw exitedInstead(process, log, e);
            }
            return new TorProcess(process, control, log, hook);
        } catch (TorException e) {
            stop(process, Duration.ZERO);
            removeHook(hook);
            throw e;
        }
    }

    /**
     * A lost control connection during start-up is what a tor that is exiting looks like (e.g. one that found its
     * data directory in use): wait for the exit and say tor's reason instead.
     */
    private static TorException exitedInstead(Process p, Path log, TorException e) {
        if (e.reason() != Reason.NOT_RUNNING && e.reason() != Reason.DIED) {
            return e;
        }
        try {
            if (p.waitFor(EXIT_AFTER_LOST_CONTROL.toMillis(), TimeUnit.MILLISECONDS)) {
                return exitedDuringStartup(p, log);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        return new TorException(e.reason(), e.getMessage() + " (tor's log: " + log + ")");
    }

    private static TorException exitedDuringStartup(Process p, Path log) {
        return new TorException(Reason.NOT_RUNNING, "tor exited during start-up (" + TorExit.reason(p.exitValue(), log)
                + "); its log: " + log);
    }

    static String torrc(Path dataDir, Path portFile, Path pidFile, Optional<Path> extra) {
        StringBuilder b = new StringBuilder()
                .append("# written by annex-p2p at every start; edits are lost\n")
                .append("DataDirectory ").append(dataDir).append('\n')
                .append("ControlPort auto\n")
                .append("ControlPortWriteToFile ").append(portFile).append('\n')
                .append("PidFile ").append(pidFile).append('\n')
                .append("CookieAuthentication 1\n")
                .append("SocksPort auto\n")
                .append("Log notice stdout\n");
        extra.ifPresent(p -> b.append("%include ").append(p).append('\n'));
        return b.toString();
    }

    private static ControlEndpoint awaitControlPort(Process p, Path portFile, Path log, Instant deadline)
            throws TorException {
        awaitFile(p, portFile, log, deadline);
        try {
            // content: PORT=127.0.0.1:NNNN
            for (String line : Files.readAllLines(portFile, StandardCharsets.US_ASCII)) {
                if (line.startsWith("PORT=")) {
                    String addr = line.substring(5).strip();
                    int colon = addr.lastIndexOf(':');
                    return new ControlEndpoint.Tcp(addr.substring(0, colon), Integer.parseInt(addr.substring(colon + 1)));
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through to the error below
        }
        throw new TorException(Reason.NOT_RUNNING, "tor wrote an unreadable control port file " + portFile);
    }

    private static void awaitFile(Process p, Path file, Path log, Instant deadline) throws TorException {
        while (true) {
            try {
                if (Files.size(file) > 0) {
                    return;
                }
            } catch (IOException notYet) {
                // tor has not written it yet
            }
            if (!p.isAlive()) {
                throw exitedDuringStartup(p, log);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new TorException(Reason.TIMEOUT, "tor did not open its control port in time; its log: " + log);
            }
            try {
                // polling a file tor writes once; a WatchService would need the same bound anyway
                p.waitFor(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TorException(Reason.TIMEOUT, "interrupted while waiting for tor to start");
            }
        }
    }

    /** Why this tor exited, once it has (waits a moment for a dying one); empty while it still runs. */
    public Optional<String> exitReason() {
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                return Optional.empty();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        return Optional.of(TorExit.reason(process.exitValue(), logFile));
    }

    public ControlConnection control() {
        return control;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path logFile() {
        return logFile;
    }

    /** Closes the control connection (tor then exits by itself) and makes sure the process is gone. */
    @Override
    public void close() {
        control.close();
        stop(process, EXIT_WAIT);
        removeHook(shutdownHook);
    }

    /** Gives tor {@code grace} to exit on its own, then SIGTERM, then SIGKILL; every wait is bounded. */
    private static void stop(Process process, Duration grace) {
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroy();
                if (!process.waitFor(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to; nothing to remove
        }
    }
}
