package org.annexp2p.interpreters.serving;

import static org.annexp2p.interpreters.serving.ServingUnderFloodTest.awaitCondition;
import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Either;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.annexp2p.interpreters.Full;
import org.annexp2p.interpreters.Serving;
import org.annexp2p.interpreters.local.RepositoryLocal;
import org.annexp2p.interpreters.net.AuthCheck;
import org.annexp2p.interpreters.net.Relays;
import org.annexp2p.interpreters.net.StreamNet;
import org.annexp2p.interpreters.net.Transcript;
import org.annexp2p.protocol.conversation.Client;
import org.annexp2p.protocol.conversation.ServerMode;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.program.Destination;
import org.annexp2p.protocol.program.Meter;
import org.annexp2p.protocol.wire.AssociatedFile;
import org.annexp2p.protocol.wire.ProtocolVersion;
import org.annexp2p.repository.MemoryRepository;
import org.annexp2p.testkit.content.AnnexedContent;
import org.annexp2p.transports.Connection;
import org.annexp2p.transports.ConnectionServer;
import org.annexp2p.transports.ServerOptions;
import org.annexp2p.transports.memory.MemoryNetwork;

/**
 * Several peers over the in-memory network, each request from any of them in any order, some hanging up and
 * dialing again: every session is parked whenever no request is under way (no handler runs, every live peer is
 * parked), resumed where it was for the next, and every PUT, GET and CHECKPRESENT answers as it would have blocking.
 */
class ParkedSessionsProperties {
    static final int PEERS = 4;

    /** Each step: a peer (step / 4) and what it does (step % 4): PUT, GET of its last PUT, CHECKPRESENT, redial. */
    @Property(tries = 25)
    void sessionsParkAndResumeWhereTheyWere(@ForAll @Size(min = 1, max = 30) List<@IntRange(min = 0, max = PEERS * 4 - 1) Integer> steps)
            throws Exception {
        MemoryRepository server = new MemoryRepository(ServingUnderFloodTest.SERVER);
        MemoryRepository client = new MemoryRepository(ServingUnderFloodTest.CLIENT);
        MemoryNetwork network = new MemoryNetwork();
        Serving serving = new Serving(server, ServerMode.READ_WRITE, () -> List.of(ServingUnderFloodTest.TOKEN),
                Relays.NONE, Transcript.NONE);
        List<Peer> peers = new ArrayList<>();
        try (ConnectionServer srv = ConnectionServer.start(network.listen("srv"), serving,
                ServerOptions.of(PEERS, ServingUnderFloodTest.REFUSAL))) {
            for (int i = 0; i < PEERS; i++) {
                peers.add(new Peer(network, client));
            }
            List<Key> stored = new ArrayList<>();
            for (int s = 0; s < steps.size(); s++) {
                awaitCondition(() -> srv.runningHandlers() == 0 && srv.parkedConnections() == PEERS);
                int who = steps.get(s) / 4;
                Peer peer = peers.get(who);
                switch (steps.get(s) % 4) {
                    case 0 -> {
                        byte[] content = ("step " + s + " peer " + who + " ").repeat(300).getBytes(StandardCharsets.UTF_8);
                        Key key = AnnexedContent.sha256e(content, ".bin");
                        client.putContent(key, content);
                        assertThat(peer.full.run(Client.put(key, AssociatedFile.NONE, Meter.NONE)).orThrow()).isEqualTo(Either.right(true));
                        assertThat(server.content(key).get()).isEqualTo(content);
                        stored.add(key);
                    }
                    case 1 -> {
                        if (!stored.isEmpty()) {
                            Key key = stored.get(stored.size() - 1);
                            String file = "got " + s;
                            assertThat(peer.full.run(Client.get(new Destination.File(key, file), AssociatedFile.NONE, Meter.NONE))
                                    .orThrow()).isEqualTo(Either.right(true));
                            assertThat(client.file(file).get()).isEqualTo(server.content(key).get());
                        }
                    }
                    case 2 -> {
                        Key absent = AnnexedContent.sha256e(("absent " + s).getBytes(StandardCharsets.UTF_8), ".bin");
                        assertThat(peer.full.run(Client.checkPresent(absent)).orThrow()).isEqualTo(Either.right(false));
                    }
                    default -> {
                        peer.close();
                        awaitCondition(() -> srv.authenticatedConnections() == PEERS - 1);
                        peers.set(who, new Peer(network, client));
                    }
                }
            }
            awaitCondition(() -> srv.runningHandlers() == 0 && srv.parkedConnections() == PEERS);
        } finally {
            peers.forEach(Peer::close);
        }
    }

    /** An authenticated client connection, version agreed. */
    static final class Peer implements AutoCloseable {
        final Connection connection;
        final RepositoryLocal local;
        final Full full;

        Peer(MemoryNetwork network, MemoryRepository client) throws Exception {
            connection = network.dial("srv", Duration.ofSeconds(5));
            local = new RepositoryLocal(client);
            full = new Full(StreamNet.over(connection, AuthCheck.REFUSE_ALL, Relays.NONE, Transcript.NONE), local);
            assertThat(full.run(Client.auth(ServingUnderFloodTest.CLIENT, ServingUnderFloodTest.TOKEN)).orThrow().isRight()).isTrue();
            full.run(Client.negotiateVersion(ProtocolVersion.MAX)).orThrow();
        }

        @Override
        public void close() {
            connection.close();
            local.close();
        }
    }
}
