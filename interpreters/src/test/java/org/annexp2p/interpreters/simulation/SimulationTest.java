package org.annexp2p.interpreters.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.charset.StandardCharsets;
import org.annexp2p.interpreters.Outcome;
import org.annexp2p.interpreters.local.RepositoryLocal;
import org.annexp2p.interpreters.net.AuthCheck;
import org.annexp2p.protocol.conversation.Client;
import org.annexp2p.protocol.conversation.ServerMode;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.program.Destination;
import org.annexp2p.protocol.program.Meter;
import org.annexp2p.protocol.program.Program;
import org.annexp2p.protocol.program.Net;
import org.annexp2p.protocol.program.Payload;
import org.annexp2p.protocol.program.Received;
import org.annexp2p.protocol.message.Message;
import org.annexp2p.protocol.wire.Len;
import org.annexp2p.protocol.wire.AssociatedFile;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.protocol.wire.ProtocolVersion;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.repository.MemoryRepository;
import org.annexp2p.testkit.content.AnnexedContent;
import org.junit.jupiter.api.Test;

/** Client and server programs against each other in the deterministic simulation, scenario by scenario. */
class SimulationTest {
    static final Uuid SERVER = new Uuid("server-uuid");
    static final Uuid CLIENT = new Uuid("client-uuid");
    static final AuthToken TOKEN = AuthToken.parse("s3cret").get();
    static final AuthCheck AUTH = (u, t) -> t.matches(TOKEN);

    final MemoryRepository server = new MemoryRepository(SERVER);
    final MemoryRepository client = new MemoryRepository(CLIENT);

    <A> Simulation.Result session(ServerMode mode, AuthToken token, Program<A> afterAuth, long cutAfter) {
        Program<Object> clientProgram = Client.auth(CLIENT, token).flatMap(r -> r.isLeft()
                ? Program.pure((Object) r)
                : Client.negotiateVersion(ProtocolVersion.MAX).then(afterAuth).map(x -> (Object) x));
        // Each session is one connection: its Local handlers are closed with it, as the servers do.
        try (RepositoryLocal c = new RepositoryLocal(client, CLOCK, java.time.Clock.systemUTC());
                RepositoryLocal s = new RepositoryLocal(server, CLOCK, java.time.Clock.systemUTC())) {
            return Simulation.run(Phase.full(clientProgram, c), Simulation.authenticatedServer(SERVER, mode, s),
                    Simulation.Options.defaults().withServerAuth(AUTH).withCutAfter(cutAfter));
        }
    }

    /** The simulation's monotonic clock, which the server's repository must share. */
    static final org.annexp2p.repository.MonotonicClock CLOCK =
            () -> org.annexp2p.protocol.wire.MonotonicTimestamp.of(Simulation.Options.defaults().monotonicSeconds());

    <A> Object run(ServerMode mode, Program<A> afterAuth) {
        return session(mode, TOKEN, afterAuth, Long.MAX_VALUE).client().orThrow();
    }

    @Test
    void putThenGetRoundTripsAndRecordsPresence() {
        byte[] content = AnnexedContent.seeded(1, 100_000).bytes();
        Key key = AnnexedContent.sha256e(content, ".bin");
        client.putContent(key, content);

        assertThat(run(ServerMode.READ_WRITE, Client.put(key, AssociatedFile.of("big.bin"), Meter.NONE)))
                .isEqualTo(Either.right(true));
        assertThat(server.content(key).get()).isEqualTo(content);
        assertThat(server.locations(key)).contains(SERVER);

        Destination dest = new Destination.File(key, "out.bin");
        assertThat(run(ServerMode.READ_WRITE, Client.get(dest, AssociatedFile.NONE, Meter.NONE)))
                .isEqualTo(Either.right(true));
        assertThat(client.file("out.bin").get()).isEqualTo(content);
    }

    @Test
    void aWrongTokenNeverReachesTheRepository() {
        Simulation.Result r = session(ServerMode.READ_WRITE, AuthToken.parse("wrong").get(),
                Client.checkPresent(AnnexedContent.sha256e(new byte[1], ".bin")), Long.MAX_VALUE);
        assertThat(r.client().orThrow()).isEqualTo(Either.left("authentication failed: the peer refused our token"));
        assertThat(server.events()).isEmpty();
        assertThat(new String(r.serverSent(), StandardCharsets.ISO_8859_1)).isEqualTo("AUTH-FAILURE\n");
    }

    @Test
    void anInterruptedPutResumesFromTheServersPartialCopy() {
        byte[] content = AnnexedContent.seeded(2, 50_000).bytes();
        Key key = AnnexedContent.sha256e(content, ".bin");
        client.putContent(key, content);
        Simulation.Result cut = session(ServerMode.READ_WRITE, TOKEN, Client.put(key, AssociatedFile.NONE, Meter.NONE), 20_000);
        assertThat(cut.client().completed()).isFalse();
        assertThat(server.content(key)).isEqualTo(Option.none());
        long partial = server.partialSize(new Destination.ObjectStore(key)).value();
        assertThat(partial).isBetween(1L, 20_000L);

        Simulation.Result resumed = session(ServerMode.READ_WRITE, TOKEN, Client.put(key, AssociatedFile.NONE, Meter.NONE), Long.MAX_VALUE);
        assertThat(resumed.client().orThrow()).isEqualTo(Either.right(true));
        assertThat(new String(resumed.serverSent(), StandardCharsets.ISO_8859_1)).contains("PUT-FROM " + partial + "\n");
        assertThat(server.content(key).get()).isEqualTo(content);
    }

    @Test
    void anInterruptedGetResumesFromTheDestinationsSize() {
        byte[] content = AnnexedContent.seeded(3, 50_000).bytes();
        Key key = AnnexedContent.sha256e(content, ".bin");
        server.putContent(key, content);
        Destination dest = new Destination.File(key, "f");
        Simulation.Result cut = session(ServerMode.READ_ONLY, TOKEN, Client.get(dest, AssociatedFile.NONE, Meter.NONE), 30_000);
        assertThat(cut.client().completed()).isFalse();
        long have = client.partialSize(dest).value();
        assertThat(have).isPositive().isLessThan(content.length);

        Simulation.Result resumed = session(ServerMode.READ_ONLY, TOKEN, Client.get(dest, AssociatedFile.NONE, Meter.NONE), Long.MAX_VALUE);
        assertThat(resumed.client().orThrow()).isEqualTo(Either.right(true));
        assertThat(new String(resumed.clientSent(), StandardCharsets.ISO_8859_1)).contains("GET " + have + "  " + key.serialize());
        assertThat(client.file("f").get()).isEqualTo(content);
    }

    @Test
    void badContentSentAsValidIsRefusedAndNeverStored() {
        byte[] content = AnnexedContent.seeded(4, 1000).bytes();
        Key key = AnnexedContent.sha256e(content, ".bin");
        byte[] lie = AnnexedContent.seeded(5, 1000).bytes();
        // A hostile client: announces the key, then sends other bytes and swears they are VALID.
        Program<Object> liar = new Net.SendMessage(new Message.Put(AssociatedFile.NONE, key))
                .then(new Net.ReceiveMessage())
                .then(new Net.SendMessage(new Message.Data(Len.of(lie.length))))
                .then(new Net.SendBytes(Len.of(lie.length), bytesPayload(lie), Meter.NONE))
                .then(new Net.SendMessage(new Message.Valid())).then(new Net.ReceiveMessage()).map(r -> (Object) r);
        assertThat(run(ServerMode.READ_WRITE, liar)).isEqualTo(new Received.Parsed(new Message.Failure()));
        assertThat(server.content(key)).isEqualTo(Option.none());
        assertThat(server.partialSize(new Destination.ObjectStore(key)).value()).isZero();
    }

    static Payload bytesPayload(byte[] b) {
        return new Payload() {
            @Override
            public Len length() {
                return Len.of(b.length);
            }

            @Override
            public java.io.InputStream stream() {
                return new java.io.ByteArrayInputStream(b);
            }
        };
    }

    @Test
    void readOnlyAndAppendOnlyServersRefuseWithGitAnnexsWords() {
        byte[] content = AnnexedContent.seeded(6, 10).bytes();
        Key key = AnnexedContent.sha256e(content, ".bin");
        client.putContent(key, content);
        assertThat(run(ServerMode.READ_ONLY, Client.put(key, AssociatedFile.NONE, Meter.NONE)))
                .isEqualTo(Either.left("this repository is read-only; write access denied"));
        assertThat(run(ServerMode.APPEND_ONLY, Client.remove(key)))
                .isEqualTo(Either.left("this repository is append-only; removal denied"));
        assertThat(run(ServerMode.APPEND_ONLY, Client.put(key, AssociatedFile.NONE, Meter.NONE))).isEqualTo(Either.right(true));
        assertThat(run(ServerMode.READ_ONLY, Client.remove(key)))
                .isEqualTo(Either.left("this repository is read-only; write access denied"));
        assertThat(server.content(key).get()).isEqualTo(content);
    }

    @Test
    void lockedContentCannotBeRemovedUntilUnlocked() {
        byte[] content = AnnexedContent.seeded(7, 10).bytes();
        Key key = AnnexedContent.sha256e(content, ".bin");
        server.putContent(key, content);
        Program<Object> p = Client.lock(key).flatMap(locked -> Program.pure((Object) locked))
                .flatMap(l -> Client.unlock().then(Client.remove(key)).map(r -> (Object) java.util.List.of(l, r)));
        assertThat(run(ServerMode.READ_WRITE, p)).isEqualTo(java.util.List.of(Either.right(true), Either.right(true)));
        assertThat(server.content(key)).isEqualTo(Option.none());
        assertThat(server.lockCount(key)).isZero();
    }

    @Test
    void dataPresentIsHonouredOnlyWhenTheContentIsReallyThere() {
        byte[] content = AnnexedContent.seeded(8, 10).bytes();
        Key key = AnnexedContent.sha256e(content, ".bin");
        assertThat(run(ServerMode.READ_WRITE, Client.putDataPresent(key, AssociatedFile.NONE))).isEqualTo(Either.right(false));
    }

    @Test
    void removeBeforeUsesTheServersMonotonicClock() {
        byte[] content = AnnexedContent.seeded(9, 10).bytes();
        Key key = AnnexedContent.sha256e(content, ".bin");
        server.putContent(key, content);
        long farFuture = System.currentTimeMillis() / 1000 + 600;
        assertThat(run(ServerMode.READ_WRITE, Client.removeBefore(key, farFuture))).isEqualTo(Either.right(true));
        assertThat(server.content(key)).isEqualTo(Option.none());
        server.putContent(key, content);
        assertThat(run(ServerMode.READ_WRITE, Client.removeBefore(key, 1))).isEqualTo(Either.left("the lock proof expired before removal"));
        assertThat(server.content(key).get()).isEqualTo(content);
    }

    @Test
    void serverAnswersExactlyAsTheCapturedTranscript() {
        byte[] hello = "hello world\n".getBytes(StandardCharsets.US_ASCII);
        Key key = Key.parse("SHA256E-s12--a948904f2f0f479b8f8197694b30184b0d2ed1c1cd2a1ec0fb85d299a192a447.txt").get();
        server.putContent(key, hello);
        Destination dest = new Destination.File(key, "hello.txt");
        Simulation.Result r = session(ServerMode.READ_WRITE, TOKEN,
                Client.checkPresent(key).then(Client.get(dest, AssociatedFile.of("hello.txt"), Meter.NONE)), Long.MAX_VALUE);
        assertThat(r.client().orThrow()).isEqualTo(Either.right(true));
        assertThat(new String(r.serverSent(), StandardCharsets.ISO_8859_1)).isEqualTo(
                "AUTH-SUCCESS server-uuid\nVERSION 4\nSUCCESS\nDATA 12\nhello world\nVALID\n");
        assertThat(new String(r.clientSent(), StandardCharsets.ISO_8859_1)).isEqualTo(
                "AUTH client-uuid s3cret\nVERSION 4\nCHECKPRESENT " + key.serialize() + "\nGET 0 hello.txt "
                        + key.serialize() + "\nSUCCESS\n");
    }

    @Test
    void unknownAndUnexpectedCommandsAreAnsweredAndServingGoesOn() {
        Simulation.Result r = Simulation.run(
                Phase.netOnly(new org.annexp2p.protocol.program.Net.SendMessage(new org.annexp2p.protocol.message.Message.Success())
                        .then(new org.annexp2p.protocol.program.Net.ReceiveMessage()).then(Client.auth(CLIENT, TOKEN))),
                Simulation.authenticatedServer(SERVER, ServerMode.READ_WRITE, new RepositoryLocal(server)),
                Simulation.Options.defaults().withServerAuth(AUTH));
        assertThat(new String(r.serverSent(), StandardCharsets.ISO_8859_1))
                .isEqualTo("ERROR unexpected command\nAUTH-SUCCESS server-uuid\n");
        assertThat(r.client()).isEqualTo(new Outcome.Completed<>(Either.right(SERVER)));
    }
}
