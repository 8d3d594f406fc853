package org.annexp2p.tor.launch;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.annexp2p.tor.TorException;
import org.annexp2p.tor.TorException.Reason;

/**
 * One process's exclusive use of a launched tor's state directory, held while it runs, across relaunches. The
 * operating system drops the lock when its holder dies, so a free lock means the owner is gone; a tor that owner
 * left behind (its pid in the directory's {@code tor.pid}, tor's own PidFile) would block the next launch with
 * "another Tor process is running with the same data directory", so it is stopped first.
 */
public final class StateDirectoryLock implements Closeable {

    static final String LOCK = "lock";
    static final String OWNER = "owner";
    static final String TOR_PID = "tor.pid";
    private static final Duration LEFTOVER_EXIT = Duration.ofSeconds(10);

    private final FileChannel channel;
    private final FileLock lock;
    private final Path stateDir;
    private final Optional<Long> stoppedLeftover;

    private StateDirectoryLock(FileChannel channel, FileLock lock, Path stateDir, Optional<Long> stoppedLeftover) {
        this.channel = channel;
        this.lock = lock;
        this.stateDir = stateDir;
        this.stoppedLeftover = stoppedLeftover;
    }

    /** Takes the directory for this process, or says who has it. */
    public static StateDirectoryLock acquire(Path stateDir) throws TorException {
        FileChannel channel;
        try {
            if (!Files.isDirectory(stateDir)) {
                // tor's log and state say which onions this repository serves: for the owner only
                Files.createDirectories(stateDir, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
            }
            channel = FileChannel.open(stateDir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new TorException(Reason.BAD_CONFIG, "cannot prepare tor's state directory " + stateDir + " ("
                    + e.getMessage() + "); check that it is writable", e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            close(channel);
            throw new TorException(Reason.BAD_CONFIG, "cannot lock tor's state directory " + stateDir + " (" + e.getMessage() + ")", e);
        }
        if (lock == null) {
            close(channel);
            throw new TorException(Reason.IN_USE, "tor's state directory " + stateDir + " is in use by another annex-p2p"
                    + owner(stateDir).map(pid -> " (pid " + pid + ")").orElse("") + "; stop that one first");
        }
        try {
            Files.writeString(stateDir.resolve(OWNER), ProcessHandle.current().pid() + "\n", StandardCharsets.US_ASCII);
            return new StateDirectoryLock(channel, lock, stateDir, stopLeftover(stateDir));
        } catch (IOException e) {
            close(channel);
            throw new TorException(Reason.BAD_CONFIG, "cannot write to tor's state directory " + stateDir + " (" + e.getMessage() + ")", e);
        }
    }

    /** The pid of a tor an earlier owner left running here, which was stopped before this launch. */
    public Optional<Long> stoppedLeftover() {
        return stoppedLeftover;
    }

    public Path stateDir() {
        return stateDir;
    }

    private static Optional<Long> owner(Path stateDir) {
        return readPid(stateDir.resolve(OWNER));
    }

    static Optional<Long> readPid(Path file) {
        try {
            return Optional.of(Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Only a tor that runs this directory's torrc is ours to stop; a reused pid is left alone. */
    private static Optional<Long> stopLeftover(Path stateDir) {
        Path torrc = stateDir.resolve(TorProcess.TORRC).toAbsolutePath();
        Optional<ProcessHandle> leftover = readPid(stateDir.resolve(TOR_PID)).flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("/tor")).orElse(false))
                .filter(p -> p.info().arguments().map(args -> java.util.Arrays.asList(args).contains(torrc.toString()))
                        .orElse(false));
        leftover.ifPresent(p -> {
            p.destroy();
            try {
                p.onExit().get(LEFTOVER_EXIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception stillThere) {
                p.destroyForcibly();
            }
        });
        return leftover.map(ProcessHandle::pid);
    }

    private static void close(FileChannel c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // nothing held
        }
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(stateDir.resolve(OWNER));
            lock.release();
        } catch (IOException ignored) {
            // the lock goes with the channel anyway
        }
        close(channel);
    }
}
