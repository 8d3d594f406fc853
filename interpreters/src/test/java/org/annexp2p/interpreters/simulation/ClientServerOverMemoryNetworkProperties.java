package org.annexp2p.interpreters.simulation;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.ActionChain;
import org.annexp2p.interpreters.Full;
import org.annexp2p.interpreters.Outcome;
import org.annexp2p.interpreters.Serving;
import org.annexp2p.interpreters.local.RepositoryLocal;
import org.annexp2p.interpreters.net.AuthCheck;
import org.annexp2p.interpreters.net.Relays;
import org.annexp2p.interpreters.net.StreamNet;
import org.annexp2p.interpreters.net.Transcript;
import org.annexp2p.protocol.conversation.ServerMode;
import org.annexp2p.transports.Connection;
import org.annexp2p.transports.ConnectionServer;
import org.annexp2p.transports.ServerOptions;
import org.annexp2p.transports.memory.Direction;
import org.annexp2p.transports.memory.Fault;
import org.annexp2p.transports.memory.MemoryNetwork;

/**
 * The same model-based test as {@link ClientServerModelProperties}, but each session runs the real server
 * ({@link Serving}: Net-only interpreter, then the full one) on its own thread over the in-memory network,
 * with the network's fault injection cutting links after a random number of bytes in either direction.
 */
class ClientServerOverMemoryNetworkProperties {
    static final AtomicInteger NAMES = new AtomicInteger();
    static final MemoryNetwork NETWORK = new MemoryNetwork();

    static final ClientServerModelProperties.Wire NETWORKED = (m, token, op, cutAfter) -> {
        String name = "server-" + NAMES.incrementAndGet();
        List<String> sent = new ArrayList<>();
        List<String> received = new ArrayList<>();
        Transcript transcript = (direction, line) -> (direction == Transcript.Direction.SENT ? sent : received).add(line);
        Serving serving = new Serving(m.server, ServerMode.READ_WRITE, () -> List.of(ClientServerModelProperties.TOKEN),
                Relays.NONE, Transcript.NONE);
        try (ConnectionServer server = ConnectionServer.start(NETWORK.listen(name), serving, ServerOptions.of(2, "ERROR busy\n"))) {
            if (cutAfter != Long.MAX_VALUE) {
                Direction d = cutAfter % 2 == 0 ? Direction.TO_LISTENER : Direction.TO_DIALER;
                NETWORK.inject(name, Fault.closeAfter(d, cutAfter));
            }
            Outcome<Object> outcome;
            try (Connection c = NETWORK.dial(name, Duration.ofSeconds(5));
                    RepositoryLocal local = new RepositoryLocal(m.client)) {
                StreamNet net = StreamNet.over(c, AuthCheck.REFUSE_ALL, Relays.NONE, transcript);
                outcome = new Full(net, local).run(m.program(token, op));
            }
            // Closing the server waits for its handler, so the next session finds no transfer still open.
            server.close();
            return new ClientServerModelProperties.Session(outcome, sent, received);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    };

    @Provide
    Arbitrary<ActionChain<ClientServerModelProperties.Model>> chains() {
        return ClientServerModelProperties.chains(NETWORKED);
    }

    @Property(tries = 40)
    void clientAndServerKeepTheirPromisesOverTheInMemoryNetwork(
            @ForAll("chains") ActionChain<ClientServerModelProperties.Model> chain) {
        chain.withInvariant("store invariants", ClientServerModelProperties.Model::invariantsHold).run();
    }

}
