package org.annexp2p.shell.resident;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.annexp2p.interpreters.net.Transcript;

/** A resident server as the tests outside ResidentServerTest run one: standard limits, served on its own thread. */
final class TestServers {
    private TestServers() {
    }

    static ResidentServer.Settings settings() {
        return new ResidentServer.Settings(64, Optional.empty(), Duration.ofSeconds(30), 16, Set.of("shell-server"),
                Throwable::getMessage, err -> Transcript.NONE, () -> "build 1", ResidentServer.PeerCredentials.SO_PEERCRED);
    }

    /** Runs {@code server.serve()} on a thread of its own; join it after {@code stop()}. */
    static Thread serving(ResidentServer server) {
        Thread t = new Thread(() -> {
            try {
                server.serve();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "test server");
        t.start();
        return t;
    }
}
