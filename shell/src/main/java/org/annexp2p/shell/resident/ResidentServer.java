package org.annexp2p.shell.resident;

import io.vavr.control.Either;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import jdk.net.ExtendedSocketOptions;
import org.annexp2p.interpreters.net.Transcript;
import org.annexp2p.shell.RestrictedShell;

/**
 * The resident shell server: one long-lived JVM that runs git-annex-shell sessions handed to it over a unix
 * socket by the forwarder, each exactly as the direct path would run it (docs/security.md, The resident shell
 * server). Only this user may connect; only what the direct path runs as the restricted shell is served, anything
 * else is answered 'B' and so runs in a JVM of its own.
 */
public final class ResidentServer {
    /**
     * {@code toolCommands}: the tool's command names (the shell refuses them by name); {@code words}: a failure as
     * the line a user reads; {@code transcript}: the --debug transcript on a session's stderr; {@code build}: what
     * identifies the running build (a changed value means the jar was rebuilt); {@code peer}: the user at the
     * other end of a connection.
     */
    public record Settings(int maxSessions, Optional<Duration> idle, Duration requestDeadline, int maxRequests,
            Set<String> toolCommands, Function<Throwable, String> words, Function<PrintStream, Transcript> transcript,
            Supplier<Object> build, PeerCredentials peer) {
        public static final int DEFAULT_MAX_SESSIONS = 64;

        /** The spec's limits, this build's jar, SO_PEERCRED. */
        public static Settings standard(int maxSessions, Optional<Duration> idle, Set<String> toolCommands,
                Function<Throwable, String> words, Function<PrintStream, Transcript> transcript) {
            return new Settings(maxSessions, idle, Duration.ofSeconds(10), 16, toolCommands, words, transcript,
                    BuildStamp::ofThisBuild, PeerCredentials.SO_PEERCRED);
        }
    }

    /** Who is at the other end of an accepted connection. */
    @FunctionalInterface
    public interface PeerCredentials {
        PeerCredentials SO_PEERCRED = channel -> channel.getOption(ExtendedSocketOptions.SO_PEERCRED).user();

        UserPrincipal userOf(SocketChannel channel) throws IOException;
    }

    /** The server cannot start: one line for the user. */
    public static final class CannotStart extends IOException {
        private static final long serialVersionUID = 1L;

        CannotStart(String message) {
            super(message);
        }
    }

    private final SocketDirectory directory;
    private final Settings settings;
    private final Locked locked;
    private final ServerSocketChannel server;
    /** Whether the socket file is this server's to remove (not when systemd made it). */
    private final boolean ownsSocket;
    private final UserPrincipal owner;
    private final Object initialBuild;
    private final Semaphore requests;
    private final ScheduledExecutorService timer;
    private final Object state = new Object();
    /** Sessions running now (under {@code state}): the cap, the idle clock and the wait at stop all read it. */
    private int running;
    private long idleSince = System.nanoTime();
    private volatile boolean stopping;
    private volatile String stopReason = "the server is stopping";

    private ResidentServer(SocketDirectory directory, Settings settings, Locked locked, ServerSocketChannel server,
            UserPrincipal owner, boolean ownsSocket) {
        this.directory = directory;
        this.settings = settings;
        this.locked = locked;
        this.server = server;
        this.ownsSocket = ownsSocket;
        this.owner = owner;
        this.initialBuild = settings.build().get();
        this.requests = new Semaphore(settings.maxRequests());
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "resident server timer");
            t.setDaemon(true);
            return t;
        });
    }

    /** Checks or makes the directory, takes its lock, replaces a stale socket and binds it (mode 0600). */
    public static ResidentServer start(SocketDirectory directory, Settings settings) throws IOException {
        directory.prepare();
        Locked locked = Locked.take(directory);
        try {
            Files.deleteIfExists(directory.socket());
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(directory.socket()));
            // The directory is 0700 already; the socket's own mode says the same should the directory ever change.
            Files.setPosixFilePermissions(directory.socket(), PosixFilePermissions.fromString("rw-------"));
            return new ResidentServer(directory, settings, locked, server, Files.getOwner(directory.dir()), true);
        } catch (IOException | RuntimeException e) {
            locked.release();
            throw e;
        }
    }

    /**
     * Serves on a listening socket that systemd made and passed as standard input (a socket unit, and
     * {@code StandardInput=socket} in the service), so that the first ssh session starts the server and nothing runs
     * before one needs it. The socket must be the one sessions look for, in a directory that passes the checks a
     * directory this server makes passes (systemd's own default mode for it, 0755, does not); the socket is made
     * 0600 as one this server binds. The socket file is systemd's: stopping leaves it, and the next connection
     * starts the server again.
     */
    public static ResidentServer adopt(SocketDirectory directory, ServerSocketChannel inherited, Settings settings)
            throws IOException {
        SocketAddress at = inherited.getLocalAddress();
        if (!(at instanceof UnixDomainSocketAddress unix) || !unix.getPath().toAbsolutePath().normalize()
                .equals(directory.socket().toAbsolutePath().normalize())) {
            throw new CannotStart("the socket systemd passed listens on " + shown(at) + ", but ssh sessions look for "
                    + directory.socket() + " (ListenStream=%t/annex-p2p/shell.sock in the socket unit)");
        }
        try {
            directory.check();
        } catch (SocketDirectory.Unusable e) {
            throw new CannotStart(e.getMessage() + " (DirectoryMode=0700 in the socket unit)");
        }
        Locked locked = Locked.take(directory);
        try {
            // systemd's default SocketMode is 0666; the private directory already keeps others out, and the socket's
            // own mode says the same, as for a socket this server binds.
            Files.setPosixFilePermissions(directory.socket(), PosixFilePermissions.fromString("rw-------"));
        } catch (IOException | RuntimeException e) {
            locked.release();
            throw e;
        }
        return new ResidentServer(directory, settings, locked, inherited, Files.getOwner(directory.dir()), false);
    }

    private static String shown(SocketAddress at) {
        return at instanceof UnixDomainSocketAddress unix ? unix.getPath().toString()
                : at == null ? "no address" : "a network address, not a unix socket";
    }

    /** The directory's lock file, held while this server serves: a second server in the same place refuses. */
    private record Locked(FileChannel file, FileLock lock) {
        static Locked take(SocketDirectory directory) throws IOException {
            FileChannel lockFile = FileChannel.open(directory.lock(), Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            FileLock lock;
            try {
                lock = lockFile.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                lockFile.close();
                throw new CannotStart("a shell server is already running on " + directory.socket());
            }
            return new Locked(lockFile, lock);
        }

        void release() throws IOException {
            lock.release();
            file.close();
        }
    }

    public Path socket() {
        return directory.socket();
    }

    /** Accepts and serves until stopped, then waits for the running sessions and releases the directory. */
    public void serve() throws IOException {
        settings.idle().ifPresent(idle -> {
            long every = Math.max(1, idle.toMillis() / 4);
            timer.scheduleWithFixedDelay(this::stopIfIdle, every, every, TimeUnit.MILLISECONDS);
        });
        try {
            while (!stopping) {
                SocketChannel client;
                try {
                    client = server.accept();
                } catch (ClosedChannelException e) {
                    break;
                } catch (IOException e) {
                    // Out of file descriptors, say: this connection is lost, the server is not; a pause, not a spin.
                    pause();
                    continue;
                }
                accepted(client);
            }
        } finally {
            stop("the server is stopping");
            synchronized (state) {
                while (running > 0) {
                    try {
                        state.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
            }
            timer.shutdownNow();
            locked.release();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops accepting and removes the socket; running sessions finish. Safe from any thread, a shutdown hook included. */
    public void stop() {
        stop("the server is stopping");
    }

    private void stop(String reason) {
        synchronized (state) {
            if (stopping) {
                return;
            }
            stopReason = reason;
            stopping = true;
        }
        // The socket goes first: closing the channel wakes serve(), whose return may end the JVM (System.exit skips
        // a shutdown hook that finds the server already stopping) before a later line of this thread ran.
        if (ownsSocket) {
            try {
                Files.deleteIfExists(directory.socket());
            } catch (IOException ignored) {
                // A socket nobody answers on is what a forwarder falls back from.
            }
        }
        try {
            server.close();
        } catch (IOException ignored) {
            // Not accepting any more either way.
        }
    }

    private void stopIfIdle() {
        synchronized (state) {
            if (running > 0 || System.nanoTime() - idleSince < settings.idle().orElseThrow().toNanos()) {
                return;
            }
        }
        stop("the server is stopping: idle");
    }

    /** The peer is checked before anything is read; more than maxRequests still sending theirs: closed. */
    private void accepted(SocketChannel channel) {
        ClientChannel client = new ClientChannel(channel);
        try {
            if (!owner.equals(settings.peer().userOf(channel))) {
                client.close();
                return;
            }
        } catch (IOException | RuntimeException e) {
            client.close();
            return;
        }
        if (!requests.tryAcquire()) {
            client.close();
            return;
        }
        ScheduledFuture<?> deadline = timer.schedule(client::close, settings.requestDeadline().toNanos(), TimeUnit.NANOSECONDS);
        Thread t = new Thread(() -> {
            Either<String, Request> request;
            try {
                request = Request.read(client.input());
            } catch (IOException e) {
                request = Either.left("the connection failed");
            } finally {
                requests.release();
            }
            if (!deadline.cancel(false) || request.isLeft()) {
                client.close();
                return;
            }
            answer(client, request.get());
        }, "resident request");
        t.setDaemon(true);
        t.start();
    }

    private void answer(ClientChannel client, Request request) {
        Optional<String> refusal = refusal(request);
        if (refusal.isPresent()) {
            // No slot was taken: a client gone before reading its 'B' frees nothing.
            try {
                client.send(new Frame.Busy(refusal.get()));
            } catch (IOException e) {
                // Nobody is left to tell.
            }
            client.close();
            return;
        }
        try {
            client.send(new Frame.Started());
        } catch (IOException e) {
            client.close();
            sessionEnded();
            return;
        }
        new ServedSession(client, request, settings).run(this::sessionEnded);
    }

    /** Why {@code request} is not served here, or empty when it is (a session slot is then taken). */
    private Optional<String> refusal(Request request) {
        if (request.refusal().isDefined()) {
            return Optional.of(request.refusal().get());
        }
        if (!settings.build().get().equals(initialBuild)) {
            stop("rebuilt");
            return Optional.of("rebuilt");
        }
        if (!RestrictedShell.isShell(request.argv(), request.env(), settings.toolCommands())) {
            return Optional.of("not a shell command line");
        }
        synchronized (state) {
            if (stopping) {
                return Optional.of(stopReason);
            }
            if (running >= settings.maxSessions()) {
                return Optional.of("at the session cap (" + settings.maxSessions() + ")");
            }
            running++;
        }
        return Optional.empty();
    }

    private void sessionEnded() {
        synchronized (state) {
            running--;
            idleSince = System.nanoTime();
            state.notifyAll();
        }
    }

    /**
     * The running build: size and modification time of this class's jar (or class directory) and of every entry of
     * the class path (with {@code java -jar}, the jar the launcher runs and rebuilds when a source changes).
     */
    record BuildStamp(List<String> files) {
        static Object ofThisBuild() {
            try {
                List<Path> paths = new ArrayList<>();
                paths.add(Path.of(ResidentServer.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
                for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
                    if (!entry.isEmpty()) {
                        paths.add(Path.of(entry));
                    }
                }
                return of(paths);
            } catch (java.net.URISyntaxException | RuntimeException e) {
                return new Object();
            }
        }

        /** {@code paths}' sizes and modification times; when one cannot be read (being replaced, say), a value equal to no other. */
        static Object of(List<Path> paths) {
            List<String> files = new ArrayList<>();
            try {
                for (Path p : paths) {
                    files.add(p + " " + Files.size(p) + " " + Files.getLastModifiedTime(p).toMillis());
                }
            } catch (IOException e) {
                return new Object();
            }
            return new BuildStamp(List.copyOf(files));
        }
    }
}
