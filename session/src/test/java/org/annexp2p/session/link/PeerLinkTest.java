package org.annexp2p.session.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.annexp2p.interpreters.net.Transcript;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.repository.MemoryRepository;
import org.annexp2p.repository.creds.TokenGenerator;
import org.annexp2p.testkit.peers.ServedRepository;
import org.annexp2p.tor.onion.TorAnnexAddress;
import org.annexp2p.session.plugin.TransportPlugins;
import org.annexp2p.session.plugin.onion.OnionPlugin;
import org.annexp2p.tor.testing.SocksStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Linking against a real server on loopback, dialed through the onion plugin as every command dials (a SOCKS
 * stand-in in place of tor leads each onion there): AUTH decides, and only a link that authenticated leaves traces.
 */
class PeerLinkTest {
    static final TorAnnexAddress ADDRESS = TorAnnexAddress.parse(
            "tor-annex::lwkwvuvzt4g2gwkcom6wccjbqxzx427f66gog54tftaw2dp5oqmt6jqd.onion:5432");
    static final AuthToken TOKEN = new TokenGenerator().generate(TokenGenerator.ADDRESS_TOKEN_LENGTH);

    @TempDir
    Path tmp;
    final MemoryRepository peer = new MemoryRepository(Uuid.random());
    final List<String> transcript = new ArrayList<>();
    static final TorAnnexAddress OTHER = TorAnnexAddress.parse(
            "tor-annex::2gzyxa5ihm7nsggfxnu52rck2vv4rvmdlkiu3zzui5du4xyclen53wid.onion:1");
    ServedRepository serving;
    SocksStandIn socks;
    AnnexRepository ours;

    @BeforeEach
    void start() throws IOException {
        serving = ServedRepository.onLoopback(peer, TOKEN);
        ours = AnnexRepository.create(tmp.resolve("ours"));
        int port = serving.port();
        socks = new SocksStandIn(0).route(ADDRESS.onion().hostname(), port).route(OTHER.onion().hostname(), port);
    }

    @AfterEach
    void stop() throws IOException {
        socks.close();
        serving.close();
    }

    PeerLink link(Transcript transcript) {
        return new PeerLink(ours, TransportPlugins.of(List.of(new OnionPlugin(socks.address()))), n -> { }, transcript, false);
    }

    Transcript recording() {
        return (direction, line) -> transcript.add(line);
    }

    @Test
    void anAcceptedTokenAddsTheRemoteWithThePeersUuidAndKeepsTheTokenPrivately() throws IOException {
        PeerLink.Linked linked = link(recording()).link(ADDRESS.format(), TOKEN, Optional.empty());

        assertThat(linked).isEqualTo(new PeerLink.Linked(peer.uuid(), "peer1"));
        assertThat(Files.readString(tmp.resolve("ours/.git/config"))).contains("[remote \"peer1\"]",
                "url = " + ADDRESS.format(), "annex-uuid = " + peer.uuid().value());
        assertThat(ours.creds().peerToken(ADDRESS.onion().hostname()).get()).isEqualTo(TOKEN);
        Path stored = ours.creds().file(ADDRESS.onion().hostname()).path();
        assertThat(Files.getPosixFilePermissions(stored))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(transcript).isNotEmpty().noneMatch(line -> line.contains(TOKEN.reveal()));
    }

    @Test
    void aSecondLinkTakesTheNextNameOrTheOneGiven() throws IOException {
        link(Transcript.NONE).link(ADDRESS.format(), TOKEN, Optional.empty());
        assertThat(link(Transcript.NONE).link(OTHER.format(), TOKEN, Optional.empty()).remote())
                .isEqualTo("peer2");
        assertThat(link(Transcript.NONE).link(OTHER.format(), TOKEN, Optional.of("box")).remote())
                .isEqualTo("box");
        assertThat(ours.remotes().names()).containsExactlyInAnyOrder("peer1", "peer2", "box");
    }

    @Test
    void aRefusedTokenLeavesNoRemoteAndNoToken() throws IOException {
        AuthToken wrong = new TokenGenerator().generate(TokenGenerator.ADDRESS_TOKEN_LENGTH);
        assertThatThrownBy(() -> link(Transcript.NONE).link(ADDRESS.format(), wrong, Optional.empty()))
                .isInstanceOf(IOException.class).hasMessageStartingWith("Unable to authenticate with peer: ");
        assertThat(ours.remotes().names()).isEmpty();
        assertThat(ours.creds().peerToken(ADDRESS.onion().hostname())).isEmpty();
    }

    @Test
    void aPeerThatHangsUpIsSaidToHaveClosedTheConnection() throws IOException {
        try (java.net.ServerSocket hangsUp = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (java.net.Socket s = hangsUp.accept()) {
                    s.getInputStream().read();
                } catch (IOException e) {
                    // the test's assertion tells
                }
            });
            t.start();
            socks.route(ADDRESS.onion().hostname(), hangsUp.getLocalPort());
            assertThatThrownBy(() -> link(Transcript.NONE).link(ADDRESS.format(), TOKEN, Optional.empty()))
                    .isInstanceOf(IOException.class)
                    .hasMessage("Unable to authenticate with peer: the peer closed the connection");
        }
        assertThat(ours.remotes().names()).isEmpty();
    }
}
