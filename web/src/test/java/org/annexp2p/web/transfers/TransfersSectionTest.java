package org.annexp2p.web.transfers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import org.annexp2p.interpreters.net.Transcript;
import org.annexp2p.protocol.conversation.ServerMode;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.repository.Ingest;
import org.annexp2p.repository.creds.TokenGenerator;
import org.annexp2p.session.StandardPlugins;
import org.annexp2p.session.plugin.GivenToken;
import org.annexp2p.session.plugin.tcp.ListenPlan;
import org.annexp2p.session.serve.ServeLimits;
import org.annexp2p.session.serve.ServeSetup;
import org.annexp2p.transports.ConnectionServer;
import org.annexp2p.web.PageClient;
import org.annexp2p.web.RunningUi;
import org.annexp2p.web.UiSettings;
import org.annexp2p.web.server.PageServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A get started from the page: cancelled while it runs, it leaves nothing in the repository; run again, it lands. */
class TransfersSectionTest {

    @Test
    void aCancelledGetLeavesNothingVisibleAndAnotherGetCompletesIt(@TempDir Path tmp) throws Exception {
        AnnexRepository ours = AnnexRepository.create(tmp.resolve("ours"));
        AnnexRepository theirs = AnnexRepository.create(tmp.resolve("theirs"));
        byte[] content = new byte[4 << 20];
        new Random(7).nextBytes(content);
        Key key = Ingest.sha256e(theirs, () -> new ByteArrayInputStream(content), ".bin");
        AuthToken token = new TokenGenerator().generate(TokenGenerator.ADDRESS_TOKEN_LENGTH);
        theirs.creds().addAcceptedToken(token);
        ServeSetup setup = ServeSetup.of(theirs, ServerMode.READ_ONLY, new ServeLimits(4, OptionalInt.empty(), 4, Duration.ofSeconds(30)),
                Transcript.NONE);
        StandardPlugins.Settings plugins = new StandardPlugins.Settings(null, 0);
        try (setup; RunningUi ui = PageServer.start(UiSettings.loopback(ours.top()),
                context -> List.of(new TransfersSection(context, plugins, GivenToken.exactly(token))))) {
            ConnectionServer server = setup.listen(setup.plugins(0), ListenPlan.choose("127.0.0.1:0"), line -> { });
            String[] hostPort = server.address().split(":");
            try (StallingProxy slow = new StallingProxy(new java.net.InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])), 1 << 20)) {
                ours.remotes().add("slow", slow.address(), theirs.uuid());
                ours.remotes().add("direct", "tcp://" + server.address(), theirs.uuid());
                PageClient page = new PageClient(ui);

                assertThat(page.post("transfers/get", Map.of("address", "tcp://127.0.0.1:9", "key", key.serialize())).status()).isEqualTo(404);
                assertThat(page.post("transfers/get", Map.of("address", slow.address(), "key", "not a key")).status()).isEqualTo(400);

                String id = page.post("transfers/get", Map.of("address", slow.address(), "key", key.serialize())).json().get("id").asText();
                JsonNode stalled = page.await("transfers/list", list -> running(list, id) != null && running(list, id).get("bytes").asLong() > 0);
                JsonNode shown = running(stalled, id);
                assertThat(shown.get("key").asText()).isEqualTo(key.serialize());
                assertThat(shown.get("direction").asText()).isEqualTo("download");
                assertThat(shown.get("size").asLong()).isEqualTo(content.length);
                assertThat(shown.get("bytes").asLong()).isLessThan(content.length);

                assertThat(page.post("transfers/cancel", Map.of("id", id)).status()).isEqualTo(202);
                JsonNode ended = page.await("transfers/list", list -> recent(list, id) != null);
                assertThat(recent(ended, id).get("state").asText()).isEqualTo("cancelled");
                assertThat(ours.hasContent(key)).isFalse();
                assertThat(Files.exists(ours.objectPath(key))).isFalse();
                assertThat(page.post("transfers/cancel", Map.of("id", id)).status()).isEqualTo(404);

                String again = page.post("transfers/get", Map.of("address", "tcp://" + server.address(), "key", key.serialize())).json().get("id").asText();
                JsonNode done = page.await("transfers/list", list -> recent(list, again) != null);
                assertThat(recent(done, again).get("state").asText()).isEqualTo("done");
                assertThat(ours.hasContent(key)).isTrue();
                assertThat(Files.readAllBytes(ours.objectPath(key))).isEqualTo(content);
            }
        }
    }

    private static JsonNode running(JsonNode list, String id) {
        for (JsonNode t : list.get("running")) {
            if (t.get("id").asText().equals(id)) {
                return t;
            }
        }
        return null;
    }

    private static JsonNode recent(JsonNode list, String id) {
        for (JsonNode t : list.get("recent")) {
            if (t.get("id").asText().equals(id)) {
                return t;
            }
        }
        return null;
    }
}
