package org.annexp2p.web.peers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.annexp2p.interpreters.net.Transcript;
import org.annexp2p.protocol.conversation.ServerMode;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.repository.creds.TokenGenerator;
import org.annexp2p.session.plugin.GivenToken;
import org.annexp2p.session.plugin.tcp.ListenPlan;
import org.annexp2p.session.serve.ServeLimits;
import org.annexp2p.session.serve.ServeSetup;
import org.annexp2p.transports.ConnectionServer;
import org.annexp2p.web.PageClient;
import org.annexp2p.web.RunningUi;
import org.annexp2p.web.UiSettings;
import org.annexp2p.web.reach.Reach;
import org.annexp2p.web.server.PageServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The peers section over a repository with a live peer, a dead one and a plain git remote. */
class PeersSectionTest {

    @Test
    void listsThePeersAndChecksOnlyThemForReal(@TempDir Path tmp) throws Exception {
        AnnexRepository ours = AnnexRepository.create(tmp.resolve("ours"));
        AnnexRepository theirs = AnnexRepository.create(tmp.resolve("theirs"));
        AuthToken token = new TokenGenerator().generate(TokenGenerator.ADDRESS_TOKEN_LENGTH);
        theirs.creds().addAcceptedToken(token);
        ServeSetup setup = ServeSetup.of(theirs, ServerMode.READ_ONLY, new ServeLimits(4, OptionalInt.empty(), 4, Duration.ofSeconds(30)),
                Transcript.NONE);
        try (setup; RunningUi ui = PageServer.start(UiSettings.loopback(ours.top()),
                context -> List.of(new PeersSection(context, Reach.standard(), GivenToken.exactly(token))))) {
            ConnectionServer server = setup.listen(setup.plugins(0), ListenPlan.choose("127.0.0.1:0"), line -> { });
            String live = "tcp://" + server.address();
            String dead = "tcp://127.0.0.1:1";
            ours.remotes().add("box", live, theirs.uuid());
            ours.remotes().add("gone", dead, theirs.uuid());
            ours.remotes().add("origin", tmp.resolve("theirs").toString(), theirs.uuid());
            PageClient page = new PageClient(ui);

            Map<String, JsonNode> peers = byAddress(page.get("peers/list").json().get("peers"));
            assertThat(peers).containsOnlyKeys(live, dead, tmp.resolve("theirs").toString());
            assertThat(peers.get(live).get("name").asText()).isEqualTo("box");
            assertThat(peers.get(live).get("kind").asText()).isEqualTo("TCP");
            assertThat(peers.get(live).get("lastReachable").isNull()).isTrue();
            assertThat(peers.get(tmp.resolve("theirs").toString()).get("dialable").asBoolean()).isFalse();

            JsonNode answered = page.post("peers/check", Map.of("address", live)).json();
            assertThat(answered.get("reachable").asBoolean()).isTrue();
            assertThat(answered.get("words").asText()).contains(theirs.uuid().value());
            JsonNode failed = page.post("peers/check", Map.of("address", dead)).json();
            assertThat(failed.get("reachable").asBoolean()).isFalse();

            peers = byAddress(page.get("peers/list").json().get("peers"));
            assertThat(peers.get(live).get("lastReachable").asText()).isEqualTo(answered.get("at").asText());
            assertThat(peers.get(dead).get("lastReachable").isNull()).isTrue();
            assertThat(peers.get(dead).get("last").get("words").asText()).isEqualTo(failed.get("words").asText());

            assertThat(page.post("peers/check", Map.of("address", "tcp://127.0.0.1:9")).status()).isEqualTo(404);
            assertThat(page.post("peers/check", Map.of("address", tmp.resolve("theirs").toString())).status()).isEqualTo(400);
        }
    }

    private static Map<String, JsonNode> byAddress(JsonNode peers) {
        Map<String, JsonNode> found = new HashMap<>();
        peers.forEach(p -> found.put(p.get("address").asText(), p));
        return found;
    }
}
