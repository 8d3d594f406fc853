package org.annexp2p.session;

import java.io.IOException;
import java.time.Duration;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.repository.MemoryRepository;
import org.annexp2p.session.plugin.MemoryPlugin;
import org.annexp2p.testkit.peers.ServedRepository;
import org.annexp2p.transports.memory.MemoryNetwork;

/** The real server ({@link ServedRepository}) on an in-memory network, and the {@code mem://NAME} plugin that reaches it. */
final class ServedInMemory implements AutoCloseable {
    final MemoryNetwork network = new MemoryNetwork();
    final MemoryRepository repository = new MemoryRepository(Uuid.random());
    private final ServedRepository server;

    ServedInMemory(String name) throws IOException {
        server = ServedRepository.on(network.listen(name), repository, PeerConversationSuite.TOKEN);
    }

    MemoryPlugin plugin() {
        return new MemoryPlugin(network, Duration.ofSeconds(30));
    }

    @Override
    public void close() {
        server.close();
    }
}
