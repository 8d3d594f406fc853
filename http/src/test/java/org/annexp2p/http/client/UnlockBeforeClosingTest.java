package org.annexp2p.http.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import org.annexp2p.interpreters.Full;
import org.annexp2p.interpreters.Outcome;
import org.annexp2p.interpreters.local.RepositoryLocal;
import org.annexp2p.interpreters.net.AuthCheck;
import org.annexp2p.interpreters.net.Relays;
import org.annexp2p.interpreters.net.StreamNet;
import org.annexp2p.interpreters.net.Transcript;
import org.annexp2p.protocol.conversation.Client;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.program.Program;
import org.annexp2p.protocol.wire.ProtocolVersion;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.repository.MemoryRepository;
import org.annexp2p.transports.Connection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An unlock has no answer in the protocol, so a client is done with it at once and may close and exit; the lock must
 * be let go by then, however late the server takes the long poll (else git-annex holds it for 10 minutes, and the
 * next remove waits for them).
 */
class UnlockBeforeClosingTest {
    private final Uuid served = Uuid.random();
    private final MemoryRepository here = new MemoryRepository(Uuid.random());
    private final Key key = Key.parse("SHA256E-s3--" + "1".repeat(64)).get();
    private SlowLockServer server;
    private Connection connection;
    private StreamNet net;

    @BeforeEach
    void start() throws IOException {
        server = SlowLockServer.late(Duration.ofMillis(500));
        AnnexUrl url = AnnexUrl.parse("annex+http://127.0.0.1:" + server.port() + "/git-annex/").get();
        P2pHttpClient client = new P2pHttpClient(HttpClient.newHttpClient(), url, served, here.uuid(), Option.none());
        connection = HttpPeer.open(client, served, url.toString());
        net = StreamNet.over(connection, AuthCheck.REFUSE_ALL, Relays.NONE, Transcript.NONE);
        assertThat(run(Client.awaitAuthSuccess())).isEqualTo(Either.right(served));
        assertThat(run(Client.negotiateVersion(ProtocolVersion.MAX))).isEqualTo(ProtocolVersion.MAX);
    }

    @AfterEach
    void stop() throws IOException {
        connection.close();
        server.close();
    }

    private <A> A run(Program<A> program) {
        try (RepositoryLocal local = new RepositoryLocal(here)) {
            Outcome<A> o = new Full(net, local).run(program);
            assertThat(o).isInstanceOf(Outcome.Completed.class);
            return ((Outcome.Completed<A>) o).value();
        }
    }

    @Test
    void aLockUnlockedThenClosedIsLetGoWhenCloseReturns() {
        assertThat(run(Client.lock(key))).isEqualTo(Either.right(true));
        run(Client.unlock());
        connection.close();
        assertThat(server.events).containsExactly("locked", "keeping", "unlocked");
    }

    @Test
    void aLockStillHeldWhenTheConversationEndsIsLetGoWhenCloseReturns() {
        assertThat(run(Client.lock(key))).isEqualTo(Either.right(true));
        connection.close();
        assertThat(server.events).containsExactly("locked", "keeping", "unlocked");
    }
}
