package org.annexp2p.wormhole.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.annexp2p.wormhole.PeerProtocolException;
import org.annexp2p.wormhole.WormholeTimeoutException;

/** The client's state machine against an in-memory server: dedup, echoes, and reconnection. */
class MailboxClientProperties {

    private static final URI FAKE = URI.create("ws://fake.invalid/v1");
    private static final Duration SHORT = Duration.ofMillis(20);
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Provide
    Arbitrary<List<String>> phases() {
        return Arbitraries.of("pake", "version", "0", "1", "2", "3").list().ofMaxSize(15);
    }

    private static MailboxClient opened(FakeMailboxServer server) throws Exception {
        MailboxClient client = MailboxClient.connect(server, Duration.ofMillis(1), FAKE, "example.com/app", "ourside0001", WAIT);
        client.open(client.claim("7"));
        client.add("pake", new byte[] {1});
        return client;
    }

    @Property(tries = 100)
    void eachPeerPhaseArrivesOnceInOrderWithoutEchoes(@ForAll("phases") List<String> sent) throws Exception {
        FakeMailboxServer server = new FakeMailboxServer();
        MailboxClient client = opened(server);
        for (String phase : sent) {
            server.peerAdds(phase, phase.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            client.add("mine-" + phase, new byte[0]); // our own echoes interleave with the peer's messages
        }
        List<String> got = new ArrayList<>();
        for (int i = 0; i < new LinkedHashSet<>(sent).size(); i++) {
            ServerMessage.Message m = client.nextPeerMessage(WAIT);
            assertThat(m.side()).isEqualTo(FakeMailboxServer.PEER);
            got.add(m.phase());
        }
        assertThat(got).containsExactlyElementsOf(new LinkedHashSet<>(sent));
        assertThatThrownBy(() -> client.nextPeerMessage(SHORT)).isInstanceOf(WormholeTimeoutException.class);
    }

    @Property(tries = 60)
    void reconnectRestoresStateAndLosesNothing(@ForAll("phases") List<String> sent, @ForAll @IntRange(max = 15) int cutAt,
                                               @ForAll boolean loseAnAdd) throws Exception {
        FakeMailboxServer server = new FakeMailboxServer();
        MailboxClient client = opened(server);
        List<String> got = new ArrayList<>();
        LinkedHashSet<String> expected = new LinkedHashSet<>(sent);
        for (int i = 0; i < sent.size(); i++) {
            if (i == cutAt) {
                if (loseAnAdd) {
                    server.loseNextAdd();
                    client.add("version", new byte[] {2});
                } else {
                    server.cut();
                }
            }
            server.peerAdds(sent.get(i), new byte[0]);
        }
        for (int i = 0; i < expected.size(); i++) {
            got.add(client.nextPeerMessage(WAIT).phase());
        }
        assertThat(got).containsExactlyElementsOf(expected);
        // Draining to a timeout also processes a connection end queued behind duplicate messages.
        assertThatThrownBy(() -> client.nextPeerMessage(Duration.ofMillis(40))).isInstanceOf(WormholeTimeoutException.class);
        List<List<ClientMessage>> connections = server.received();
        if (connections.size() > 1) {
            List<ClientMessage> last = connections.get(connections.size() - 1);
            assertThat(last).startsWith(new ClientMessage.Bind("example.com/app", "ourside0001"), new ClientMessage.Claim("7"),
                    new ClientMessage.Open("mbox"));
        }
        if (loseAnAdd && cutAt < sent.size()) {
            assertThat(server.stored()).anySatisfy(m -> assertThat(m.phase()).isEqualTo("version"));
            assertThat(connections).hasSizeGreaterThan(1);
        }
    }

    /** A connection that dies silently is found out by an unanswered ping, and the peer's message still arrives. */
    @Property(tries = 3)
    void aSilentlyDeadConnectionIsReplacedAndNothingIsLost(@ForAll boolean quietWhileAliveFirst) throws Exception {
        FakeMailboxServer server = new FakeMailboxServer();
        MailboxClient client = MailboxClient.connect(server, Duration.ofMillis(1), Duration.ofMillis(100), FAKE,
                "example.com/app", "ourside0001", WAIT);
        client.open(client.claim("7"));
        client.add("pake", new byte[] {1});
        if (quietWhileAliveFirst) {
            assertThatThrownBy(() -> client.nextPeerMessage(Duration.ofMillis(350)))
                    .as("a live but quiet connection is pinged, not replaced").isInstanceOf(WormholeTimeoutException.class);
            assertThat(server.received()).hasSize(1);
            assertThat(server.received().get(0)).contains(new ClientMessage.Ping(1));
        }
        server.goSilent();
        server.peerAdds("pake", new byte[] {9});
        assertThat(client.nextPeerMessage(WAIT).phase()).isEqualTo("pake");
        assertThat(server.received()).as("a second connection replaced the silent one").hasSizeGreaterThan(1);
        assertThat(server.received().get(server.received().size() - 1)).startsWith(
                new ClientMessage.Bind("example.com/app", "ourside0001"), new ClientMessage.Claim("7"), new ClientMessage.Open("mbox"));
    }

    @Property(tries = 1)
    void closeReleasesAnUnreleasedNameplateAndRecordsTheMood() throws Exception {
        FakeMailboxServer server = new FakeMailboxServer();
        MailboxClient client = opened(server);
        client.closeMailbox("scary");
        assertThat(server.received().get(0)).endsWith(new ClientMessage.Release(java.util.Optional.of("7")),
                new ClientMessage.Close("mbox", "scary"));
    }

    /** Reconnecting would be handed the same message again: an oversized one ends the wait, typed, at once. */
    @Property(tries = 1)
    void anOversizedMessageIsATypedErrorNotAReconnect() throws Exception {
        FakeMailboxServer server = new FakeMailboxServer();
        MailboxClient client = opened(server);
        server.sendTooLarge();
        assertThatThrownBy(() -> client.nextPeerMessage(WAIT)).isInstanceOf(PeerProtocolException.class)
                .hasMessageContaining("refused");
        assertThat(server.received()).as("no second connection").hasSize(1);
    }
}
