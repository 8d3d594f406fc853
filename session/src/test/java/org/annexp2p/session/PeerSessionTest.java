package org.annexp2p.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.annexp2p.protocol.conversation.Client;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.repository.MemoryRepository;
import org.annexp2p.session.plugin.Dialed;
import org.annexp2p.session.plugin.Greeting;
import org.annexp2p.session.plugin.HandshakeDeadline;
import org.annexp2p.transports.Connection;
import org.annexp2p.transports.Listener;
import org.annexp2p.transports.memory.MemoryNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What a session says when the greeting does not go as it should, and how a started command greets. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PeerSessionTest {
    private final MemoryNetwork network = new MemoryNetwork();
    private final MemoryRepository client = new MemoryRepository(Uuid.random());

    @Test
    void aPeerThatAcceptsAndSaysNothingMissesTheDeadlineInOneLine() throws Exception {
        try (Listener silent = network.listen("silent")) {
            Connection c = network.dial("silent", Duration.ofSeconds(5));
            Dialed dialed = new Dialed(c, new Greeting.Token(PeerConversationSuite.TOKEN),
                    Optional.of(HandshakeDeadline.after(System.nanoTime(), Duration.ofMillis(300))), true);
            assertThatThrownBy(() -> PeerSession.open(dialed, client, PeerSession.Options.DEFAULT))
                    .isNotInstanceOf(PeerFailure.class)
                    .hasMessage(c.description() + " accepted the connection but did not answer within 300 ms");
        }
    }

    @Test
    void aStartedCommandThatSaysNothingWasStartedButDidNotAnswer() throws Exception {
        try (Listener silent = network.listen("silent")) {
            Connection c = network.dial("silent", Duration.ofSeconds(5));
            Dialed dialed = new Dialed(c, new Greeting.Announced(),
                    Optional.of(HandshakeDeadline.after(System.nanoTime(), Duration.ofSeconds(2))), false);
            assertThatThrownBy(() -> PeerSession.open(dialed, client, PeerSession.Options.DEFAULT))
                    .hasMessage(c.description() + " was started but did not answer within 2 s");
        }
    }

    @Test
    void anAnnouncedPeerIsTakenAtItsWordAndAskedNoToken() throws Exception {
        Uuid server = Uuid.random();
        try (Listener l = network.listen("stdio")) {
            CompletableFuture<String> heard = CompletableFuture.supplyAsync(() -> {
                try (Connection s = l.accept()) {
                    send(s, "AUTH-SUCCESS " + server.value());
                    String version = line(s);
                    send(s, "VERSION 1");
                    String next = line(s);
                    send(s, "SUCCESS");
                    return version + " / " + next;
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            Dialed dialed = new Dialed(network.dial("stdio", Duration.ofSeconds(5)), new Greeting.Announced(),
                    Optional.empty(), false);
            try (PeerSession session = PeerSession.open(dialed, client, PeerSession.Options.DEFAULT)) {
                assertThat(session.peer()).isEqualTo(server);
                assertThat(session.run(Client.checkPresent(PeerConversationSuite.KEY))).isTrue();
            }
            assertThat(heard.get(30, TimeUnit.SECONDS)).isEqualTo("VERSION 4 / CHECKPRESENT " + PeerConversationSuite.KEY);
        }
    }

    @Test
    void aPeerThatHangsUpIsSaidToHaveClosedTheConnection() throws Exception {
        try (Listener l = network.listen("rude")) {
            CompletableFuture.runAsync(() -> {
                try {
                    l.accept().close();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            Connection c = network.dial("rude", Duration.ofSeconds(5));
            Dialed dialed = new Dialed(c, new Greeting.Token(PeerConversationSuite.TOKEN), Optional.empty(), true);
            assertThatThrownBy(() -> PeerSession.open(dialed, client, PeerSession.Options.DEFAULT))
                    .isInstanceOfSatisfying(PeerFailure.class, f -> assertThat(f.kind()).isIn(PeerFailure.Kind.CLOSED,
                            PeerFailure.Kind.BROKE))
                    .hasMessageStartingWith(c.description() + ": ");
        }
    }

    @Test
    void aTransportsOwnFailureIsNotPrefixedTwice() {
        assertThat(PeerFailure.named("tcp 10.0.0.1:4242", "tcp 10.0.0.1:4242: connection closed"))
                .isEqualTo("tcp 10.0.0.1:4242: connection closed");
        assertThat(PeerFailure.named("tcp 10.0.0.1:4242", "connection closed"))
                .isEqualTo("tcp 10.0.0.1:4242: connection closed");
        // Another connection's name is not ours.
        assertThat(PeerFailure.named("tcp 10.0.0.1:4242", "tcp 10.0.0.1:42420: connection closed"))
                .isEqualTo("tcp 10.0.0.1:4242: tcp 10.0.0.1:42420: connection closed");
    }

    @Test
    void thePeersWordsAreDecodedPlainlyAndLeftToTheFrontEndToShow() {
        PeerFailure f = new PeerFailure(PeerFailure.Kind.SAID, "tcp h:1", "caf\u00c3\u00a9 \u001b[2K");
        assertThat(f.getMessage()).isEqualTo("tcp h:1: caf\u00e9 \u001b[2K");
        assertThat(f.worded(w -> "<" + w + ">", r -> r)).isEqualTo("tcp h:1: <caf\u00c3\u00a9 \u001b[2K>");
    }

    private static void send(Connection c, String line) throws IOException {
        c.output().write((line + "\n").getBytes(StandardCharsets.US_ASCII));
        c.output().flush();
    }

    private static String line(Connection c) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int b; (b = c.input().read()) != '\n'; ) {
            if (b < 0) {
                throw new IOException("closed");
            }
            sb.append((char) b);
        }
        return sb.toString();
    }
}
