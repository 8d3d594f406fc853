package org.annexp2p.interpreters.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Either;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.annexp2p.interpreters.local.RepositoryLocal;
import org.annexp2p.protocol.conversation.Client;
import org.annexp2p.protocol.conversation.ServerMode;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.program.Destination;
import org.annexp2p.protocol.program.Meter;
import org.annexp2p.protocol.program.Program;
import org.annexp2p.protocol.wire.AssociatedFile;
import org.annexp2p.repository.LooseFiles;
import org.annexp2p.repository.MemoryRepository;
import org.annexp2p.repository.Repository;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A peer that sends other bytes of the right size for a key of a backend we once accepted on size alone (keys
 * real git-annex 10.20230126 made for "hello world\n"): neither a server receiving its PUT nor a client
 * receiving its answer to GET keeps them, and both keep the real content.
 */
class ForgedContentTest {
    private static final byte[] HELLO = "hello world\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FORGED = "hello World\n".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path tmp;

    private static <A> Object session(Repository client, Repository server, Program<A> afterAuth) {
        Program<Object> program = Client.auth(SimulationTest.CLIENT, SimulationTest.TOKEN).flatMap(r -> r.isLeft()
                ? Program.pure((Object) r)
                : Client.negotiateVersion(org.annexp2p.protocol.wire.ProtocolVersion.MAX).then(afterAuth)
                        .map(x -> (Object) x));
        try (RepositoryLocal c = new RepositoryLocal(client, SimulationTest.CLOCK, java.time.Clock.systemUTC());
                RepositoryLocal s = new RepositoryLocal(server, SimulationTest.CLOCK, java.time.Clock.systemUTC())) {
            return Simulation.run(Phase.full(program, c),
                    Simulation.authenticatedServer(SimulationTest.SERVER, ServerMode.READ_WRITE, s),
                    Simulation.Options.defaults().withServerAuth(SimulationTest.AUTH)).client().orThrow();
        }
    }

    /** Keys real git-annex made for "hello world\n", of backends that were accepted on size alone before. */
    static java.util.stream.Stream<String> keysOfHello() {
        return java.util.stream.Stream.of(
                "BLAKE2B256E-s12--c71b05fd1d1c7bf7e928ff18e58db5193e9316416cc26ba9cc9094da80d7011e.txt",
                "SKEIN256E-s12--bd16d24b10de435232996a8b8a1208a78f0b2a0f833852075d3210b48bd98aa0.txt",
                "BLAKE2SP224E-s12--ca2ae431ff281d3272325e952a63b73ef0005ea86ec52a0ea8bf7ea8.txt",
                "BLAKE2BP512E-s12--dc377be11f4fc9ab6ce6a2e3e17ee012850ce815cdef6bd04d66d0ed18e910e52b74566ced847ee4d75269b6c3f54f"
                        + "36049ebb79cb517b0e7565c8009e08852f.txt");
    }

    private LooseFiles sending(Key key, byte[] bytes) throws IOException {
        Path file = Files.write(Files.createTempFile(tmp, "source", ".txt"), bytes);
        return new LooseFiles(SimulationTest.CLIENT).withSource(key, file);
    }

    @ParameterizedTest
    @MethodSource("keysOfHello")
    void aServerKeepsOnlyTheKeysContentFromAPut(String wire) throws IOException {
        Key key = Key.parse(wire).get();
        MemoryRepository server = new MemoryRepository(SimulationTest.SERVER);

        assertThat(session(sending(key, FORGED), server, Client.put(key, AssociatedFile.NONE, Meter.NONE)))
                .isEqualTo(Either.right(false));
        assertThat(server.content(key)).isEmpty();

        assertThat(session(sending(key, HELLO), server, Client.put(key, AssociatedFile.NONE, Meter.NONE)))
                .isEqualTo(Either.right(true));
        assertThat(server.content(key).get()).isEqualTo(HELLO);
    }

    @ParameterizedTest
    @MethodSource("keysOfHello")
    void aClientKeepsOnlyTheKeysContentFromAGet(String wire) throws IOException {
        Key key = Key.parse(wire).get();
        MemoryRepository client = new MemoryRepository(SimulationTest.CLIENT);

        Destination forged = new Destination.File(key, "forged.txt");
        assertThat(session(client, sending(key, FORGED), Client.get(forged, AssociatedFile.NONE, Meter.NONE)))
                .isEqualTo(Either.right(false));
        assertThat(client.file("forged.txt")).isEmpty();
        Destination store = new Destination.ObjectStore(key);
        assertThat(session(client, sending(key, FORGED), Client.get(store, AssociatedFile.NONE, Meter.NONE)))
                .isEqualTo(Either.right(false));
        assertThat(client.content(key)).isEmpty();

        assertThat(session(client, sending(key, HELLO), Client.get(store, AssociatedFile.NONE, Meter.NONE)))
                .isEqualTo(Either.right(true));
        assertThat(client.content(key).get()).isEqualTo(HELLO);
    }
}
