package org.annexp2p.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.repository.MemoryRepository;
import org.annexp2p.repository.creds.TokenGenerator;
import org.annexp2p.testkit.peers.ServedRepository;
import org.annexp2p.tor.testing.SocksStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code annex-p2p p2p --link}: the address read on stdin, the peer reached through a SOCKS stand-in that maps its
 * onion to a server on loopback, the lines and exit codes the user sees.
 */
class P2pLinkTest {
    static final String ONION = "lwkwvuvzt4g2gwkcom6wccjbqxzx427f66gog54tftaw2dp5oqmt6jqd.onion";
    static final AuthToken TOKEN = new TokenGenerator().generate(TokenGenerator.ADDRESS_TOKEN_LENGTH);

    @TempDir
    Path tmp;
    @RegisterExtension
    final CapturedStderr err = new CapturedStderr();
    final MemoryRepository peer = new MemoryRepository(Uuid.random());
    ServedRepository serving;
    SocksStandIn socks;
    AnnexRepository ours;
    InputStream savedIn;

    @BeforeEach
    void start() throws Exception {
        serving = ServedRepository.onLoopback(peer, TOKEN);
        socks = new SocksStandIn(0).route(ONION, serving.port());
        ours = AnnexRepository.create(tmp.resolve("ours"));
        savedIn = System.in;
    }

    @AfterEach
    void stop() throws Exception {
        System.setIn(savedIn);
        socks.close();
        serving.close();
    }

    int link(String typed, String... more) {
        System.setIn(new ByteArrayInputStream(typed.getBytes(StandardCharsets.US_ASCII)));
        List<String> argv = new java.util.ArrayList<>(List.of("p2p", "--link", "--repo", ours.top().toString(),
                "--tor-socks", socks.address()));
        argv.addAll(List.of(more));
        return Main.run(argv.toArray(String[]::new));
    }

    @Test
    void anAddressWithAnAcceptedTokenAddsTheRemote() throws Exception {
        assertThat(link("tor-annex::" + ONION + ":5432:" + TOKEN.reveal() + "\n")).as("stderr: %s", err).isZero();
        assertThat(err.text()).contains("Enter peer address: ", "linked to " + peer.uuid() + " as remote peer1");
        assertThat(Files.readString(ours.gitDir().resolve("config")))
                .contains("url = tor-annex::" + ONION + ":5432", "annex-uuid = " + peer.uuid().value());
        assertThat(ours.creds().peerToken(ONION).get()).isEqualTo(TOKEN);
        assertThat(socks.requested).containsExactly(ONION + ":5432");
    }

    @Test
    void theNameGivenIsTheRemotesName() {
        assertThat(link("tor-annex::" + ONION + ":5432:" + TOKEN.reveal() + "\n", "--name", "box")).isZero();
        assertThat(err.text()).contains("as remote box");
    }

    @Test
    void aRefusedTokenFailsOnOneLineAndAddsNothing() throws Exception {
        AuthToken wrong = new TokenGenerator().generate(TokenGenerator.ADDRESS_TOKEN_LENGTH);
        assertThat(link("tor-annex::" + ONION + ":5432:" + wrong.reveal() + "\n")).isEqualTo(1);
        assertThat(err.text()).contains("annex-p2p: Unable to authenticate with peer: ")
                .doesNotContain(wrong.reveal(), "Exception");
        assertThat(ours.remotes().names()).isEmpty();
        assertThat(ours.creds().peerToken(ONION)).isEmpty();
    }

    @Test
    void somethingThatIsNoAddressIsBadUsage() {
        assertThat(link("not an address\n")).isEqualTo(2);
        assertThat(err.text()).contains("not a peer address");
    }
}
