package org.annexp2p.shell.resident;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.annexp2p.interpreters.net.Transcript;

/** A resident server in a JVM of its own, so that a test can give the server an environment its sessions must not see. */
public final class ServerInItsOwnJvm {
    private ServerInItsOwnJvm() {}

    /** {@code DIR}: the socket directory. Prints "serving" once the socket is bound. */
    public static void main(String[] args) throws IOException {
        ResidentServer server = ResidentServer.start(new SocketDirectory(Path.of(args[0]), SocketDirectory.realUid()),
                new ResidentServer.Settings(4, Optional.empty(), Duration.ofSeconds(30), 16, ResidentServerTest.TOOL,
                        Throwable::getMessage, err -> Transcript.NONE, () -> "one build",
                        ResidentServer.PeerCredentials.SO_PEERCRED));
        System.out.println("serving");
        System.out.flush();
        server.serve();
    }
}
