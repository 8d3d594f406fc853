package org.annexp2p.http.server;

import java.io.IOException;
import java.time.Duration;
import org.annexp2p.transports.Connection;
import org.annexp2p.transports.Listener;
import org.annexp2p.transports.memory.MemoryNetwork;

/** In-memory connections between a request's side and the repository's side of a conversation (bounded buffers). */
final class Pipes implements AutoCloseable {
    private static final String NAME = "p2phttp";

    record Pair(Connection client, Connection server) {}

    private final MemoryNetwork network = new MemoryNetwork();
    private final Listener listener;

    Pipes() throws IOException {
        listener = network.listen(NAME);
    }

    /** Dial and accept under one lock, so that each accepted end is the one just dialed. */
    synchronized Pair open() throws IOException {
        Connection client = network.dial(NAME, Duration.ZERO);
        return new Pair(client, listener.accept());
    }

    @Override
    public void close() {
        listener.close();
    }
}
