package org.annexp2p.web.browser;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;
import org.annexp2p.interpreters.net.Transcript;
import org.annexp2p.protocol.conversation.ServerMode;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.session.serve.ServeLimits;
import org.annexp2p.session.serve.ServeSetup;
import org.annexp2p.session.plugin.tcp.ListenPlan;
import org.annexp2p.transports.ConnectionServer;

/**
 * A repository served to its token holders on loopback TCP, in this JVM, through the same {@link ServeSetup} that
 * {@code annex-p2p serve} uses (its accepted tokens are read again for each peer, so tokens a page adds count).
 */
final class ServedPeer implements AutoCloseable {
    private static final ServeLimits LIMITS = new ServeLimits(16, OptionalInt.empty(), 16, Duration.ofSeconds(30));

    private final ServeSetup setup;
    private final ConnectionServer server;

    private ServedPeer(ServeSetup setup, ConnectionServer server) {
        this.setup = setup;
        this.server = server;
    }

    static ServedPeer serve(Path repository) throws IOException {
        ServeSetup setup = ServeSetup.of(AnnexRepository.open(repository), ServerMode.READ_WRITE, LIMITS, Transcript.NONE);
        try {
            return new ServedPeer(setup, setup.listen(setup.plugins(0), ListenPlan.choose("127.0.0.1:0"), notice -> { }));
        } catch (IOException | RuntimeException e) {
            setup.close();
            throw e;
        }
    }

    /** {@code 127.0.0.1:PORT}. */
    String hostPort() {
        return server.address();
    }

    int port() {
        return Integer.parseInt(hostPort().substring(hostPort().lastIndexOf(':') + 1));
    }

    @Override
    public void close() throws IOException {
        setup.close();
    }
}
