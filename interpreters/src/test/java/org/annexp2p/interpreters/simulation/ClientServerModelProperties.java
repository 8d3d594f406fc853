package org.annexp2p.interpreters.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Either;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;
import org.annexp2p.interpreters.Outcome;
import org.annexp2p.interpreters.local.RepositoryLocal;
import org.annexp2p.protocol.conversation.Client;
import org.annexp2p.protocol.conversation.ServerMode;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.program.Destination;
import org.annexp2p.protocol.program.Meter;
import org.annexp2p.protocol.program.Program;
import org.annexp2p.protocol.wire.AssociatedFile;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.protocol.wire.MonotonicTimestamp;
import org.annexp2p.protocol.wire.ProtocolVersion;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.repository.MemoryRepository;
import org.annexp2p.repository.MonotonicClock;
import org.annexp2p.testkit.content.AnnexedContent;

/**
 * Model-based test: random sequences of client operations, each on its own connection, many of them killed
 * after a random number of bytes, against one server; a simple model says what must be true after each.
 *
 * <p>Invariants: the store never holds content that does not match its key; a successful PUT means the server
 * has the content; an interrupted GET/PUT resumes from its offset and completes with the same bytes; partial
 * copies are always a prefix of the real content; no Local step happens before AUTH; no lock outlives its
 * connection.
 */
class ClientServerModelProperties {
    static final Uuid SERVER = new Uuid("9a1c0de0-0000-4000-8000-000000000001");
    static final Uuid CLIENT = new Uuid("9a1c0de0-0000-4000-8000-000000000002");
    static final AuthToken TOKEN = AuthToken.parse("goodtoken").get();
    static final MonotonicClock CLOCK = () -> MonotonicTimestamp.of(1000);

    /** What one connection did: the client's outcome and the protocol lines each side sent. */
    record Session(Outcome<?> client, List<String> clientLines, List<String> serverLines) {}

    /** How a session reaches the server: the deterministic simulation, or the threaded in-memory network. */
    interface Wire {
        Session run(Model m, AuthToken token, Program<?> op, long cutAfter);
    }

    static final Wire SIMULATED = (m, token, op, cutAfter) -> {
        Simulation.Result r = m.simulate(token, op, cutAfter);
        return new Session(r.client(), text(r.clientSent()).lines().toList(), text(r.serverSent()).lines().toList());
    };

    static final class Model {
        final List<byte[]> contents = List.of(AnnexedContent.seeded(10, 0).bytes(), AnnexedContent.seeded(11, 1).bytes(),
                AnnexedContent.seeded(12, 4096).bytes(), AnnexedContent.seeded(13, 70_000).bytes(),
                AnnexedContent.seeded(14, 200_000).bytes());
        final MemoryRepository server = new MemoryRepository(SERVER);
        final MemoryRepository client = new MemoryRepository(CLIENT);
        final Set<Key> serverHas = new HashSet<>();

        final Wire wire;

        Model(Wire wire) {
            this.wire = wire;
            contents.forEach(c -> client.putContent(AnnexedContent.sha256e(c, ".bin"), c));
        }

        Program<Object> program(AuthToken token, Program<?> op) {
            return Client.auth(CLIENT, token).flatMap(r -> r.isLeft() ? Program.pure((Object) r)
                    : Client.negotiateVersion(ProtocolVersion.MAX).then(op).map(x -> (Object) x));
        }

        Session session(AuthToken token, Program<?> op, long cutAfter) {
            return wire.run(this, token, op, cutAfter);
        }

        Key key(int i) {
            return AnnexedContent.sha256e(contents.get(i), ".bin");
        }

        Simulation.Result simulate(AuthToken token, Program<?> op, long cutAfter) {
            Program<Object> program = program(token, op);
            try (RepositoryLocal c = new RepositoryLocal(client, CLOCK, java.time.Clock.systemUTC());
                    RepositoryLocal s = new RepositoryLocal(server, CLOCK, java.time.Clock.systemUTC())) {
                return Simulation.run(Phase.full(program, c),
                        Simulation.authenticatedServer(SERVER, ServerMode.READ_WRITE, s),
                        Simulation.Options.defaults().withServerAuth((u, t) -> t.matches(TOKEN)).withCutAfter(cutAfter));
            }
        }

        void put(int i, long cut) {
            Key key = key(i);
            long partial = server.partialSize(new Destination.ObjectStore(key)).value();
            Session r = session(TOKEN, Client.put(key, AssociatedFile.NONE, Meter.NONE), cut);
            if (r.client() instanceof Outcome.Completed<?> c) {
                assertThat(c.value()).isEqualTo(Either.right(true));
                serverHas.add(key);
                if (partial > 0 && !r.serverLines().contains("ALREADY-HAVE")) {
                    assertThat(r.serverLines()).contains("PUT-FROM " + partial);
                }
            } else {
                assertThat(cut).as("only a cut connection may fail").isNotEqualTo(Long.MAX_VALUE);
                // The cut may have fallen after the server stored the content but before its SUCCESS arrived.
                if (server.content(key).isDefined()) {
                    serverHas.add(key);
                }
            }
        }

        void get(int i, long cut) {
            Key key = key(i);
            Destination dest = new Destination.File(key, "got-" + i);
            long have = client.partialSize(dest).value();
            Session r = session(TOKEN, Client.get(dest, AssociatedFile.NONE, Meter.NONE), cut);
            if (r.client() instanceof Outcome.Completed<?> c) {
                assertThat(c.value()).isEqualTo(Either.right(serverHas.contains(key)));
                assertThat(r.clientLines()).contains("GET " + have + "  " + key.serialize());
                if (serverHas.contains(key)) {
                    assertThat(client.file("got-" + i).getOrElse(new byte[0])).isEqualTo(contents.get(i));
                }
            } else {
                assertThat(cut).isNotEqualTo(Long.MAX_VALUE);
            }
        }

        void remove(int i) {
            Session r = session(TOKEN, Client.remove(key(i)), Long.MAX_VALUE);
            assertThat(r.client().orThrow()).isEqualTo(Either.right(true));
            serverHas.remove(key(i));
        }

        void checkPresent(int i) {
            Session r = session(TOKEN, Client.checkPresent(key(i)), Long.MAX_VALUE);
            assertThat(r.client().orThrow()).isEqualTo(Either.right(serverHas.contains(key(i))));
        }

        void lockAndUnlock(int i) {
            Session r = session(TOKEN, Client.lock(key(i)).flatMap(l -> Client.unlock().map(u -> l)), Long.MAX_VALUE);
            assertThat(r.client().orThrow()).isEqualTo(Either.right(serverHas.contains(key(i))));
        }

        void intruder(int i) {
            int before = server.events().size();
            Session r = session(AuthToken.parse("guess" + i).get(), Client.remove(key(i)), Long.MAX_VALUE);
            assertThat(r.client().completed()).isTrue();
            assertThat(server.events()).as("an unauthenticated peer caused repository events").hasSize(before);
        }

        boolean invariantsHold() {
            for (Key k : server.keys()) {
                assertThat(AnnexedContent.sha256e(server.content(k).get(), ".bin")).as("stored content matches its key").isEqualTo(k);
            }
            assertThat(server.keys()).containsExactlyInAnyOrderElementsOf(serverHas);
            for (int i = 0; i < contents.size(); i++) {
                byte[] c = contents.get(i);
                Key k = key(i);
                assertThat(k).satisfies(key -> assertThat(server.lockCount(key)).isZero());
                server.partial(new Destination.ObjectStore(k)).forEach(p -> assertPrefix(p, c));
                client.file("got-" + i).forEach(p -> assertPrefix(p, c));
            }
            return true;
        }

        private static void assertPrefix(byte[] partial, byte[] content) {
            assertThat(partial.length).isLessThanOrEqualTo(content.length);
            assertThat(Arrays.equals(partial, 0, partial.length, content, 0, partial.length))
                    .as("a partial copy is a prefix of the real content").isTrue();
        }

        @Override
        public String toString() {
            return "server has " + serverHas.size() + " keys";
        }
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    static Arbitrary<Integer> index() {
        return Arbitraries.integers().between(0, 4);
    }

    static Arbitrary<Long> cut() {
        return Arbitraries.oneOf(Arbitraries.just(Long.MAX_VALUE), Arbitraries.longs().between(1, 260_000));
    }

    static <T> Action.Independent<Model> action(Arbitrary<Transformer<Model>> t) {
        return () -> t;
    }

    @Provide
    Arbitrary<ActionChain<Model>> chains() {
        return chains(SIMULATED);
    }

    static Arbitrary<ActionChain<Model>> chains(Wire wire) {
        return ActionChain.startWith(() -> new Model(wire))
                .withAction(3, action(Combinators.combine(index(), cut()).as((i, c) ->
                        Transformer.mutate("put " + i + (c == Long.MAX_VALUE ? "" : " cut at " + c), m -> m.put(i, c)))))
                .withAction(3, action(Combinators.combine(index(), cut()).as((i, c) ->
                        Transformer.mutate("get " + i + (c == Long.MAX_VALUE ? "" : " cut at " + c), m -> m.get(i, c)))))
                .withAction(1, action(index().map(i -> Transformer.mutate("remove " + i, m -> m.remove(i)))))
                .withAction(1, action(index().map(i -> Transformer.mutate("checkpresent " + i, m -> m.checkPresent(i)))))
                .withAction(1, action(index().map(i -> Transformer.mutate("lock+unlock " + i, m -> m.lockAndUnlock(i)))))
                .withAction(1, action(index().map(i -> Transformer.mutate("intruder " + i, m -> m.intruder(i)))))
                .withMaxTransformations(30);
    }

    @Property(tries = 150)
    void clientAndServerKeepTheirPromisesUnderFaults(@ForAll("chains") ActionChain<Model> chain) {
        chain.withInvariant("store invariants", Model::invariantsHold).run();
    }
}
