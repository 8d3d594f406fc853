package org.annexp2p.http.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.net.http.HttpClient;
import org.annexp2p.http.server.AuthPolicy;
import org.annexp2p.http.server.P2pHttpServer;
import org.annexp2p.http.server.ServedRepositories;
import org.annexp2p.http.server.Users;
import org.annexp2p.interpreters.Full;
import org.annexp2p.interpreters.Outcome;
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
import org.annexp2p.protocol.program.Program;
import org.annexp2p.protocol.wire.AssociatedFile;
import org.annexp2p.protocol.wire.ProtocolVersion;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.repository.MemoryRepository;
import org.annexp2p.repository.RepositoryEvent;
import org.annexp2p.testkit.content.GitAnnexKeys;
import org.annexp2p.transports.Connection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ordinary client programs against a repository behind our p2phttp server, through {@link HttpPeer}. */
class HttpPeerTest {
    private final MemoryRepository served = new MemoryRepository(Uuid.random());
    private final MemoryRepository here = new MemoryRepository(Uuid.random());
    private final Key key = GitAnnexKeys.all().stream().filter(k -> k.backend().equals("SHA256") && k.size().get() > 100
            && k.size().get() < 1 << 20).findFirst().orElseThrow();
    private final byte[] content = GitAnnexKeys.content(key);
    private P2pHttpServer server;
    private Connection connection;
    private StreamNet net;

    @BeforeEach
    void start() throws IOException {
        server = P2pHttpServer.start(new P2pHttpServer.Settings("127.0.0.1", 0, Option.none(),
                new AuthPolicy(Option.some(ServerMode.READ_WRITE), true, false, false, Users.none()), 64, 16,
                P2pHttpServer.Settings.DEFAULT_IDLE), ServedRepositories.single(served));
        AnnexUrl url = AnnexUrl.parse("annex+http://127.0.0.1:" + server.address().getPort() + "/git-annex/").get();
        P2pHttpClient client = new P2pHttpClient(HttpClient.newHttpClient(), url, served.uuid(), here.uuid(), Option.none());
        connection = HttpPeer.open(client, served.uuid(), url.toString());
        net = StreamNet.over(connection, AuthCheck.REFUSE_ALL, Relays.NONE, Transcript.NONE);
        assertThat(run(Client.awaitAuthSuccess())).isEqualTo(Either.right(served.uuid()));
        assertThat(run(Client.negotiateVersion(ProtocolVersion.MAX))).isEqualTo(ProtocolVersion.MAX);
    }

    @AfterEach
    void stop() {
        connection.close();
        server.close();
    }

    private <A> A run(Program<A> program) {
        try (RepositoryLocal local = new RepositoryLocal(here)) {
            Outcome<A> o = new Full(net, local)
                    .run(program);
            assertThat(o).isInstanceOf(Outcome.Completed.class);
            return ((Outcome.Completed<A>) o).value();
        }
    }

    @Test
    void aGetArrivesVerifiedAndResumesFromWhatAnEarlierOneKept() {
        served.putContent(key, content);
        here.putPartial(new Destination.ObjectStore(key), java.util.Arrays.copyOf(content, 40));
        assertThat(run(Client.get(new Destination.ObjectStore(key), AssociatedFile.NONE, Meter.NONE))).isEqualTo(Either.right(true));
        assertThat(here.content(key).get()).isEqualTo(content);
        assertThat(run(Client.get(new Destination.ObjectStore(Key.parse("SHA256E-s3--" + "0".repeat(64)).get()),
                AssociatedFile.NONE, Meter.NONE))).isEqualTo(Either.right(false));
    }

    @Test
    void aPutIsStoredAndASecondFindsItThere() {
        here.putContent(key, content);
        assertThat(run(Client.put(key, AssociatedFile.of("dir/f"), Meter.NONE))).isEqualTo(Either.right(true));
        assertThat(served.content(key).get()).isEqualTo(content);
        assertThat(run(Client.put(key, AssociatedFile.NONE, Meter.NONE))).isEqualTo(Either.right(true));
        assertThat(run(Client.checkPresent(key))).isEqualTo(Either.right(true));
    }

    @Test
    void aPutResumesWhereTheServersPartialCopyEnds() {
        here.putContent(key, content);
        served.putPartial(new Destination.ObjectStore(key), java.util.Arrays.copyOf(content, content.length / 2));
        assertThat(run(Client.put(key, AssociatedFile.NONE, Meter.NONE))).isEqualTo(Either.right(true));
        assertThat(served.content(key).get()).isEqualTo(content);
        // Only the second half crossed: written at the offset where the partial copy ended.
        assertThat(served.events()).contains(new RepositoryEvent.PartialWritten(new Destination.ObjectStore(key),
                content.length / 2, content.length - content.length / 2));
    }

    @Test
    void aLockHoldsUntilUnlockedAndRemoveBeforeUsesTheServersClock() {
        served.putContent(key, content);
        assertThat(run(Client.lock(key))).isEqualTo(Either.right(true));
        assertThat(served.lockCount(key)).isEqualTo(1);
        run(Client.unlock());
        // The conversation is in order: once the next answer came, the unlock's long poll was answered. Our server
        // answers it as it hands the unlock to its repository's side, which may take a moment more to let go.
        assertThat(run(Client.checkPresent(key))).isEqualTo(Either.right(true));
        long end = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (served.lockCount(key) > 0 && System.nanoTime() < end) {
            Thread.onSpinWait();
        }
        assertThat(served.lockCount(key)).isZero();
        long deadline = System.currentTimeMillis() / 1000 + 600;
        assertThat(run(Client.removeBefore(key, deadline))).isEqualTo(Either.right(true));
        assertThat(served.content(key)).isEmpty();
    }
}
