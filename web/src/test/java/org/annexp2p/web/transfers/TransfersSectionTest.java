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

/**
 * A get started from the page: cancelled while it runs, it leaves nothing in the repository; run again, it lands. A put
 * likewise: cancelled, the peer shows nothing of it; run again, the peer has it and our location log says so.
 */
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

    @Test
    void aCancelledPutLeavesNothingOnThePeerAndAnotherPutStoresIt(@TempDir Path tmp) throws Exception {
        AnnexRepository ours = AnnexRepository.create(tmp.resolve("ours"));
        AnnexRepository theirs = AnnexRepository.create(tmp.resolve("theirs"));
        byte[] content = new byte[16 << 20];
        new Random(8).nextBytes(content);
        Key key = Ingest.sha256e(ours, () -> new ByteArrayInputStream(content), ".bin");
        Key absent = Ingest.sha256e(theirs, () -> new ByteArrayInputStream(new byte[] {1, 2, 3}), ".bin");
        AuthToken token = new TokenGenerator().generate(TokenGenerator.ADDRESS_TOKEN_LENGTH);
        theirs.creds().addAcceptedToken(token);
        ServeSetup setup = ServeSetup.of(theirs, ServerMode.READ_WRITE, new ServeLimits(4, OptionalInt.empty(), 4, Duration.ofSeconds(30)),
                Transcript.NONE);
        StandardPlugins.Settings plugins = new StandardPlugins.Settings(null, 0);
        try (setup; RunningUi ui = PageServer.start(UiSettings.loopback(ours.top()),
                context -> List.of(new TransfersSection(context, plugins, GivenToken.exactly(token))))) {
            ConnectionServer server = setup.listen(setup.plugins(0), ListenPlan.choose("127.0.0.1:0"), line -> { });
            String[] hostPort = server.address().split(":");
            java.net.InetSocketAddress target = new java.net.InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1]));
            try (StallingProxy slow = new StallingProxy(target, Long.MAX_VALUE, 1 << 20)) {
                ours.remotes().add("slow", slow.address(), theirs.uuid());
                ours.remotes().add("direct", "tcp://" + server.address(), theirs.uuid());
                PageClient page = new PageClient(ui);

                assertThat(page.post("transfers/put", Map.of("address", "tcp://127.0.0.1:9", "key", key.serialize())).status()).isEqualTo(404);
                assertThat(page.post("transfers/put", Map.of("address", slow.address(), "key", "not a key")).status()).isEqualTo(400);
                assertThat(page.post("transfers/put", Map.of("address", slow.address(), "key", absent.serialize())).status()).isEqualTo(404);

                String id = page.post("transfers/put", Map.of("address", slow.address(), "key", key.serialize())).json().get("id").asText();
                JsonNode moving = page.await("transfers/list", list -> running(list, id) != null && running(list, id).get("bytes").asLong() > 0);
                JsonNode shown = running(moving, id);
                assertThat(shown.get("key").asText()).isEqualTo(key.serialize());
                assertThat(shown.get("direction").asText()).isEqualTo("upload");
                assertThat(shown.get("size").asLong()).isEqualTo(content.length);

                assertThat(page.post("transfers/cancel", Map.of("id", id)).status()).isEqualTo(202);
                JsonNode ended = page.await("transfers/list", list -> recent(list, id) != null);
                assertThat(recent(ended, id).get("state").asText()).isEqualTo("cancelled");
                assertThat(theirs.hasContent(key)).isFalse();
                assertThat(ours.locations(key)).doesNotContain(theirs.uuid());

                // The stalled proxy holds the peer's side open; once it lets go, the peer ends that receipt (at its pace).
                slow.close();
                JsonNode put = putUntilThePeerIsFree(page, "tcp://" + server.address(), key);
                assertThat(put.get("state").asText()).as(put.toString()).isEqualTo("done");
                assertThat(put.get("direction").asText()).isEqualTo("upload");
                assertThat(Files.readAllBytes(theirs.objectPath(key))).isEqualTo(content);
                assertThat(ours.locations(key)).contains(theirs.uuid());
            }
        }
    }

    /** The finished put; again while the peer still says it is receiving the key on the cancelled connection. */
    private static JsonNode putUntilThePeerIsFree(PageClient page, String address, Key key) throws Exception {
        for (int attempt = 0; ; attempt++) {
            String id = page.post("transfers/put", Map.of("address", address, "key", key.serialize())).json().get("id").asText();
            JsonNode ended = recent(page.await("transfers/list", list -> recent(list, id) != null), id);
            if (attempt == 50 || !ended.get("words").asText().contains("another connection")) {
                return ended;
            }
            Thread.sleep(100);
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
