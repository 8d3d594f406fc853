package org.annexp2p.session;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.annexp2p.interpreters.Serving;
import org.annexp2p.interpreters.net.Relays;
import org.annexp2p.interpreters.net.Transcript;
import org.annexp2p.protocol.conversation.ServerMode;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.repository.MemoryRepository;
import org.annexp2p.session.plugin.Dialed;
import org.annexp2p.session.plugin.Dialing;
import org.annexp2p.session.plugin.Greeting;
import org.annexp2p.session.plugin.HandshakeDeadline;
import org.annexp2p.session.plugin.MalformedAddressException;
import org.annexp2p.session.plugin.TransportPlugin;
import org.annexp2p.transports.ConnectionServer;
import org.annexp2p.transports.ServerOptions;
import org.annexp2p.transports.memory.MemoryNetwork;

/** The real server ({@link Serving}) on an in-memory network, and a {@code mem://NAME} plugin that reaches it. */
final class ServedInMemory implements AutoCloseable {
    final MemoryNetwork network = new MemoryNetwork();
    final MemoryRepository repository = new MemoryRepository(Uuid.random());
    private final ConnectionServer server;

    ServedInMemory(String name) throws IOException {
        Serving serving = new Serving(repository, ServerMode.READ_WRITE, () -> List.of(PeerConversationSuite.TOKEN),
                Relays.NONE, Transcript.NONE);
        server = ConnectionServer.start(network.listen(name), serving, ServerOptions.of(8, "ERROR too many connections\n"));
    }

    /** {@code mem://NAME}: AUTH with the given token, answered within {@code answerWithin}. */
    record Plugin(MemoryNetwork network, Duration answerWithin) implements TransportPlugin<String> {
        @Override
        public String scheme() {
            return "mem://";
        }

        @Override
        public String form() {
            return "mem://NAME";
        }

        @Override
        public String parse(String address) {
            String name = address.substring(scheme().length());
            if (name.isEmpty()) {
                throw new MalformedAddressException("mem:// needs a name");
            }
            return name;
        }

        @Override
        public Dialed dial(String name, Dialing dialing) throws IOException {
            var token = dialing.token().resolve(scheme() + name, io.vavr.control.Option.none());
            HandshakeDeadline deadline = dialing.bound().orElse(HandshakeDeadline.after(System.nanoTime(), answerWithin));
            return new Dialed(network.dial(name, deadline.left()), new Greeting.Token(token), Optional.of(deadline), true);
        }
    }

    Plugin plugin() {
        return new Plugin(network, Duration.ofSeconds(30));
    }

    @Override
    public void close() {
        server.close();
    }
}
