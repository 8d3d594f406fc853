package org.annexp2p.web.pair;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.repository.creds.CredsDir;
import org.annexp2p.web.UiSettings;
import org.annexp2p.web.server.PageServer;
import org.annexp2p.web.tor.PageClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pair section's endpoints over HTTP, as the page calls them. The mailbox server is a closed loopback port: the
 * two-pages pairing against a real local mailbox server is the browser tests'.
 */
@Timeout(120)
class PairSectionTest {
    static final String CLOSED_MAILBOX = "ws://127.0.0.1:1/v1";

    @TempDir
    Path repo;

    PageServer serve(Map<String, String> environment) throws Exception {
        return PageServer.start(UiSettings.loopback(repo), context -> List.of(new PairSection(context, environment)));
    }

    @Test
    void aRepositoryWithoutAnOnionIsToldToMakeOneFirst() throws Exception {
        AnnexRepository.create(repo);
        try (PageServer server = serve(Map.of("WORMHOLE_RELAY_URL", CLOSED_MAILBOX)); PageClient page = new PageClient(server)) {
            PageClient.Answer refused = page.post("pair/start", Map.of());
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.json().get("error").asText())
                    .isEqualTo("this repository has no P2P address to pair with; make it reachable over Tor first");
        }
    }

    @Test
    void aPairingThatFailsSaysWhyAndSavesNothing() throws Exception {
        CredsDir creds = AnnexRepository.create(repo).creds();
        creds.addOwnAddress("tor-annex::lwkwvuvzt4g2gwkcom6wccjbqxzx427f66gog54tftaw2dp5oqmt6jqd.onion:5432");
        try (PageServer server = serve(Map.of("WORMHOLE_RELAY_URL", CLOSED_MAILBOX)); PageClient page = new PageClient(server)) {
            page.listen();
            assertThat(page.post("pair/code", Map.of("code", "7-guitarist-revenge")).status()).as("no pairing yet").isEqualTo(409);

            assertThat(page.post("pair/start", Map.of()).status()).isEqualTo(202);

            var failed = page.await("pair.state", e -> e.path("state").asText().equals("failed"));
            assertThat(failed.get("reason").asText()).startsWith("Failed sending data to pair: ").doesNotContain("\n");
            assertThat(page.get("pair/state").json().get("state").asText()).isEqualTo("failed");
            assertThat(creds.acceptedTokens()).isEmpty();
            assertThat(Files.exists(creds.file("p2pauth").path())).isFalse();
            assertThat(page.post("pair/code", Map.of("code", "7-guitarist-revenge")).status()).as("after the end").isEqualTo(409);
        }
    }

    @Test
    void aMailboxAddressThatIsNotAWebSocketIsRefusedBeforeAnythingStarts() throws Exception {
        CredsDir creds = AnnexRepository.create(repo).creds();
        creds.addOwnAddress("tor-annex::lwkwvuvzt4g2gwkcom6wccjbqxzx427f66gog54tftaw2dp5oqmt6jqd.onion:5432");
        try (PageServer server = serve(Map.of("WORMHOLE_RELAY_URL", "http://127.0.0.1:1/")); PageClient page = new PageClient(server)) {
            PageClient.Answer refused = page.post("pair/start", Map.of());
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.json().get("error").asText()).startsWith("WORMHOLE_RELAY_URL must be a ws:// or wss:// URL");
            assertThat(page.get("pair/state").json().get("state").asText()).isEqualTo("idle");
        }
    }
}
