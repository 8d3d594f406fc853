package org.annexp2p.cli;

import java.io.IOException;
import java.nio.channels.Channel;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.annexp2p.session.serve.StopRequest;
import org.annexp2p.shell.resident.ResidentServer;
import org.annexp2p.shell.resident.SocketDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The resident shell server (org.annexp2p.shell.resident): one JVM that serves git-annex-shell sessions, which the
 * launcher's forwarder hands it, so that an ssh connection does not pay for a JVM start. A tool command: the
 * restricted shell refuses it by name.
 */
@Command(name = "shell-server", resourceBundle = "org.annexp2p.cli.help.ShellServerCommand", mixinStandardHelpOptions = true)
final class ShellServerCommand implements Callable<Integer> {

    @Option(names = "--max-sessions", paramLabel = "N", defaultValue = "" + ResidentServer.Settings.DEFAULT_MAX_SESSIONS)
    int maxSessions;

    @Option(names = "--idle", paramLabel = "DURATION", converter = DurationArgument.class)
    Duration idle;

    @Option(names = "--socket-activated")
    boolean socketActivated;

    @Override
    public Integer call() throws Exception {
        if (maxSessions < 1) {
            throw new Main.UsageException("--max-sessions must be at least 1");
        }
        int uid = SocketDirectory.realUid();
        SocketDirectory directory = SocketDirectory.of(System.getenv(), uid);
        SocketDirectory.sessionsLookElsewhere(System.getenv(), uid, SocketDirectory.RUN_USER, SocketDirectory.TMP)
                .ifPresent(note -> System.err.println("annex-p2p: warning: " + note + "; start the server with XDG_RUNTIME_DIR="
                        + SocketDirectory.runtimeDir(SocketDirectory.RUN_USER, uid) + " (`annex-p2p doctor` checks this)"));
        ResidentServer.Settings settings = ResidentServer.Settings.standard(maxSessions, Optional.ofNullable(idle),
                Commands.names(), Main::oneLine, Debug::transcriptTo);
        ResidentServer server = socketActivated ? ResidentServer.adopt(directory, inheritedSocket(), settings)
                : ResidentServer.start(directory, settings);
        // A second signal exits at once; the socket still goes with it.
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "annex-p2p shell-server stop"));
        StopRequest stop = new StopRequest();
        stop.takeSignals();
        Thread stopper = new Thread(() -> {
            try {
                stop.await();
                server.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "annex-p2p shell-server signals");
        stopper.setDaemon(true);
        stopper.start();
        System.err.println("annex-p2p: serving git-annex-shell sessions on " + server.socket() + " (up to " + maxSessions
                + " at once)");
        try {
            server.serve();
        } finally {
            stop.stopped("serving git-annex-shell sessions");
        }
        return 0;
    }

    /** The listening socket systemd passed as standard input ({@code StandardInput=socket}), or a usage error. */
    private static ServerSocketChannel inheritedSocket() throws IOException {
        Channel inherited = System.inheritedChannel();
        if (inherited instanceof ServerSocketChannel listening) {
            return listening;
        }
        throw new Main.UsageException("--socket-activated needs the listening socket as standard input (a systemd"
                + " socket unit with Accept=no, and StandardInput=socket in the service); "
                + (inherited == null ? "standard input is not a socket" : "standard input is a connection, not a listening socket (Accept=yes?)"));
    }
}
