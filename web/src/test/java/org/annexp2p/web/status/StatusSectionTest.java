package org.annexp2p.web.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.annexp2p.protocol.conversation.ServerMode;
import org.annexp2p.interpreters.net.Transcript;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.repository.creds.TokenGenerator;
import org.annexp2p.session.plugin.tcp.ListenPlan;
import org.annexp2p.session.serve.ServeLimits;
import org.annexp2p.session.serve.ServeSetup;
import org.annexp2p.testkit.repository.TemporaryRepository;
import org.annexp2p.transports.ConnectionServer;
import org.annexp2p.web.PageClient;
import org.annexp2p.web.RunningUi;
import org.annexp2p.web.UiSettings;
import org.annexp2p.web.reach.Reach;
import org.annexp2p.web.server.PageServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The status section against a repository that really serves one of its addresses and not the other. */
class StatusSectionTest {

    @Test
    void showsTheRepositoryAndWhetherEachServedAddressAnswers(@TempDir Path tmp) throws Exception {
        TemporaryRepository made = TemporaryRepository.annex(tmp.resolve("repo"), "the laptop");
        AnnexRepository repository = AnnexRepository.open(made.dir());
        ServeSetup setup = ServeSetup.of(repository, ServerMode.READ_ONLY, new ServeLimits(4, OptionalInt.empty(), 4, Duration.ofSeconds(30)),
                Transcript.NONE);
        try (setup; RunningUi ui = PageServer.start(UiSettings.loopback(made.dir()), context -> List.of(new StatusSection(context, Reach.standard())))) {
            ConnectionServer server = setup.listen(setup.plugins(0), ListenPlan.choose("127.0.0.1:0"), line -> { });
            String live = "tcp://" + server.address();
            String dead = "tcp://127.0.0.1:1";
            repository.creds().addOwnAddress(live);
            repository.creds().addOwnAddress(dead);
            PageClient page = new PageClient(ui);

            JsonNode summary = page.get("status/summary").json();
            assertThat(summary.get("uuid").asText()).isEqualTo(made.uuid());
            assertThat(summary.get("description").asText()).isEqualTo("the laptop");
            assertThat(summary.get("served").findValuesAsText("address")).containsExactlyInAnyOrder(live, dead);
            assertThat(summary.get("served").findValuesAsText("kind")).containsExactly("TCP", "TCP");

            PageClient.Answer refused = page.post("status/check", Map.of());
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.json().get("error").asText()).contains("annex-p2p token");

            repository.creds().addAcceptedToken(new TokenGenerator().generate(TokenGenerator.ADDRESS_TOKEN_LENGTH));
            Map<String, JsonNode> results = new java.util.HashMap<>();
            page.post("status/check", Map.of()).json().get("results").forEach(r -> results.put(r.get("address").asText(), r));
            assertThat(results).containsOnlyKeys(live, dead);
            assertThat(results.get(live).get("reachable").asBoolean()).isTrue();
            assertThat(results.get(live).get("words").asText()).contains(made.uuid());
            assertThat(results.get(dead).get("reachable").asBoolean()).isFalse();
            assertThat(results.get(dead).get("words").asText()).isNotBlank().doesNotContain("Exception");
        }
    }
}
