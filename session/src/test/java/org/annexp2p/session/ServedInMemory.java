package org.annexp2p.session;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.annexp2p.interpreters.Serving;
import org.annexp2p.interpreters.net.Relays;
import org.annexp2p.interpreters.net.Transcript;
import org.annexp2p.protocol.conversation.ServerMode;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.repository.MemoryRepository;
import org.annexp2p.session.plugin.MemoryPlugin;
import org.annexp2p.transports.ConnectionServer;
import org.annexp2p.transports.ServerOptions;
import org.annexp2p.transports.memory.MemoryNetwork;

/** The real server ({@link Serving}) on an in-memory network, and the {@code mem://NAME} plugin that reaches it. */
final class ServedInMemory implements AutoCloseable {
    final MemoryNetwork network = new MemoryNetwork();
    final MemoryRepository repository = new MemoryRepository(Uuid.random());
    private final ConnectionServer server;

    ServedInMemory(String name) throws IOException {
        Serving serving = new Serving(repository, ServerMode.READ_WRITE, () -> List.of(PeerConversationSuite.TOKEN),
                Relays.NONE, Transcript.NONE);
        server = ConnectionServer.start(network.listen(name), serving, ServerOptions.of(8, "ERROR too many connections\n"));
    }

    MemoryPlugin plugin() {
        return new MemoryPlugin(network, Duration.ofSeconds(30));
    }

    @Override
    public void close() {
        server.close();
    }
}
