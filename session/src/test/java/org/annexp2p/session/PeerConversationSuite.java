package org.annexp2p.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vavr.control.Either;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.annexp2p.protocol.conversation.Client;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.program.Destination;
import org.annexp2p.protocol.program.Meter;
import org.annexp2p.protocol.program.Program;
import org.annexp2p.protocol.wire.AssociatedFile;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.repository.MemoryRepository;
import org.annexp2p.repository.Repository;
import org.annexp2p.session.plugin.Dialed;
import org.annexp2p.session.plugin.Dialing;
import org.annexp2p.session.plugin.GivenToken;
import org.annexp2p.session.plugin.TransportPlugin;
import org.annexp2p.testkit.content.AnnexedContent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A whole client conversation through {@link PeerSession} against the real server, written once and run over
 * every transport plugin's fixture (as Netty's testsuite runs the same tests over every transport): greeting and
 * version, then put, checkpresent, get, lock, remove on one connection.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public abstract class PeerConversationSuite {
    /** The token every fixture's server accepts. */
    public static final AuthToken TOKEN = AuthToken.parse("s3cretTokenForTheSuite").get();

    /** A server for one test, reached through one plugin. */
    public interface Fixture extends AutoCloseable {

        /** Dials the server through the plugin under test, presenting {@code token} where the scheme uses one. */
        Dialed dial(MemoryRepository client, GivenToken token) throws Exception;

        /** Whether the server wants our token (AUTH), rather than announcing itself (p2pstdio). */
        boolean wantsToken();

        @Override
        void close() throws Exception;

        /**
         * The server at {@code address}, dialed through {@code plugin} as the suite's client, with no handshake bound
         * and nothing said; {@code stop} ends the server.
         */
        static <A> Fixture of(TransportPlugin<A> plugin, String address, boolean wantsToken, AutoCloseable stop) {
            return new PluginFixture<>(plugin, address, wantsToken, Optional.empty(), stop);
        }

        /** As {@link #of}, the session still speaking for the client, but dialing with {@code pairing}'s keys and peers. */
        static <A> Fixture pairedAs(Repository pairing, TransportPlugin<A> plugin, String address, AutoCloseable stop) {
            return new PluginFixture<>(plugin, address, true, Optional.of(pairing), stop);
        }
    }

    private record PluginFixture<A>(TransportPlugin<A> plugin, String address, boolean wantsToken, Optional<Repository> pairing,
            AutoCloseable stop) implements Fixture {
        @Override
        public Dialed dial(MemoryRepository client, GivenToken token) throws Exception {
            return plugin.dial(plugin.parse(address),
                    new Dialing(pairing.orElse(client), token, Optional.empty(), n -> { }, false));
        }

        @Override
        public void close() throws Exception {
            stop.close();
        }
    }

    /** A fresh server with nothing stored, accepting {@link #TOKEN}. */
    protected abstract Fixture serve() throws Exception;

    static final byte[] CONTENT = "content the suite moves both ways\n".getBytes(StandardCharsets.UTF_8);
    static final Key KEY = AnnexedContent.sha256e(CONTENT, ".txt");

    @Test
    void aWholeConversation() throws Exception {
        MemoryRepository client = new MemoryRepository(Uuid.random());
        client.putContent(KEY, CONTENT);
        try (Fixture fixture = serve();
                PeerSession session = PeerSession.open(fixture.dial(client, given(TOKEN)), client, PeerSession.Options.DEFAULT)) {
            assertThat(session.peer()).isNotNull().isNotEqualTo(client.uuid());
            assertThat(session.run(Client.checkPresent(KEY))).as("nothing there yet").isFalse();
            assertThat(session.run(Client.put(KEY, AssociatedFile.NONE, Meter.NONE))).as("put").isTrue();
            assertThat(session.run(Client.checkPresent(KEY))).as("present after the put").isTrue();
            assertThat(session.run(Client.get(new Destination.File(KEY, "/got"), AssociatedFile.NONE, Meter.NONE)))
                    .as("get").isTrue();
            assertThat(client.file("/got").get()).isEqualTo(CONTENT);
            Program<Either<String, Boolean>> lockAndUnlock = Client.lock(KEY).flatMap(l -> Client.unlock().map(u -> l));
            assertThat(session.run(lockAndUnlock)).as("lock").isTrue();
            assertThat(session.run(Client.remove(KEY))).as("remove").isTrue();
            assertThat(session.run(Client.checkPresent(KEY))).as("gone after the remove").isFalse();
            assertThat(session.run(Client.lock(KEY))).as("nothing left to lock").isFalse();
        }
    }

    @Test
    void aWrongTokenIsRefusedInTheServersWords() throws Exception {
        MemoryRepository client = new MemoryRepository(Uuid.random());
        try (Fixture fixture = serve()) {
            if (!fixture.wantsToken()) {
                return;
            }
            Dialed dialed = fixture.dial(client, given(AuthToken.parse("wrong").get()));
            assertThatThrownBy(() -> PeerSession.open(dialed, client, PeerSession.Options.DEFAULT))
                    .isInstanceOfSatisfying(PeerFailure.class, f -> {
                        assertThat(f.kind()).isEqualTo(PeerFailure.Kind.REFUSED);
                        assertThat(f.getMessage()).startsWith(dialed.connection().description() + ": ");
                    });
        }
    }

    @Test
    void anOperationThePeerCannotDoIsItsAnswerNotABrokenConversation() throws Exception {
        MemoryRepository client = new MemoryRepository(Uuid.random());
        try (Fixture fixture = serve();
                PeerSession session = PeerSession.open(fixture.dial(client, given(TOKEN)), client, PeerSession.Options.DEFAULT)) {
            Program<Either<String, Boolean>> get = Client.get(new Destination.File(KEY, "/none"), AssociatedFile.NONE, Meter.NONE);
            assertThat(session.run(get)).as("the peer has no such key").isFalse();
            assertThat(session.run(Client.checkPresent(KEY))).as("the session goes on").isFalse();
        }
    }

    static GivenToken given(AuthToken token) {
        return new GivenToken(java.util.Optional.of(token.reveal()), java.util.Optional.empty());
    }
}
