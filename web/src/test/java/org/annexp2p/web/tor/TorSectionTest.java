package org.annexp2p.web.tor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.repository.creds.CredsDir;
import org.annexp2p.tor.onion.RepositoryOnion;
import org.annexp2p.tor.onion.TorAnnexAddress;
import org.annexp2p.web.UiSettings;
import org.annexp2p.web.server.PageServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The tor section's endpoints over HTTP, as the page calls them; no tor is reached (the real one is the browser's test). */
@Timeout(120)
class TorSectionTest {
    static final String ADDRESS = "tor-annex::lwkwvuvzt4g2gwkcom6wccjbqxzx427f66gog54tftaw2dp5oqmt6jqd.onion:5432";

    @TempDir
    static Path repo;
    static PageServer server;
    static PageClient page;
    static CredsDir creds;
    static RepositoryOnion onion;

    @BeforeAll
    static void start() throws Exception {
        AnnexRepository repository = AnnexRepository.create(repo);
        creds = repository.creds();
        onion = RepositoryOnion.of(repository.annexDir(), creds);
        server = PageServer.start(UiSettings.loopback(repo), context -> List.of(new TorSection(context)));
        page = new PageClient(server).listen();
    }

    @AfterAll
    static void stop() throws Exception {
        page.close();
        server.close();
    }

    @BeforeEach
    void noOnion() throws Exception {
        onion.forget();
        creds.ownAddresses().forEach(a -> {
            try {
                creds.removeOwnAddress(a);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    static void published() throws Exception {
        onion.keyFile().writeText("ED25519-V3:not-a-real-key");
        onion.remember(TorAnnexAddress.parse(ADDRESS));
        creds.addOwnAddress(ADDRESS);
    }

    @Test
    void aPublishedAddressIsShownWithAQrCodeThatIsOnlyAnImage() throws Exception {
        assertThat(page.get("tor/state").json().get("address").isNull()).isTrue();
        published();

        PageClient.Answer state = page.get("tor/state");
        assertThat(state.json().get("address").asText()).isEqualTo(ADDRESS);
        String qr = state.json().get("qr").asText();
        assertThat(qr).startsWith("data:image/svg+xml;base64,");
        String svg = new String(Base64.getDecoder().decode(qr.substring(qr.indexOf(',') + 1)), StandardCharsets.UTF_8);
        assertThat(svg).startsWith("<svg ").contains("<path ").doesNotContain("script").doesNotContain("href");
    }

    @Test
    void aRunningTorThatIsNotThereFailsInOneLineThatSaysWhatToDo() throws Exception {
        PageClient.Answer started = page.post("tor/start", Map.of("tor", "running", "control", "127.0.0.1:1"));
        assertThat(started.status()).isEqualTo(202);

        var failed = page.await("tor.progress", e -> e.path("step").asText().equals("failed"));
        assertThat(failed.get("message").asText()).doesNotContain("Exception").doesNotContain("\n").isNotBlank();
        assertThat(page.get("tor/state").json().get("progress").get("step").asText()).isEqualTo("failed");
        assertThat(creds.ownAddresses()).isEmpty();
    }

    @Test
    void aChoiceThatIsNoTorOrAControlPortForAPrivateTorIsRefused() throws Exception {
        assertThat(page.post("tor/start", Map.of("tor", "system")).status()).isEqualTo(400);
        PageClient.Answer both = page.post("tor/start", Map.of("tor", "private", "control", "127.0.0.1:9051"));
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.json().get("error").asText()).contains("running tor only");
    }

    @Test
    void revokeRemovesTheAddressAndItsKey() throws Exception {
        published();
        creds.addOwnAddress("tor-annex::2gzyxa5ihm7nsggfxnu52rck2vv4rvmdlkiu3zzui5du4xyclen53wid.onion:6000");

        PageClient.Answer revoked = page.post("tor/revoke", Map.of());
        assertThat(revoked.json().get("revoked").asText()).isEqualTo(ADDRESS);
        assertThat(creds.ownAddresses()).doesNotContain(ADDRESS).hasSize(1);
        assertThat(Files.exists(onion.keyFile().path())).isFalse();
        assertThat(page.get("tor/state").json().get("address").isNull()).isTrue();
    }

    @Test
    void theTokenForAPeerIsMadeOnlyWhenAskedAndNeverInTheState() throws Exception {
        assertThat(page.post("tor/share", Map.of()).status()).as("no address yet").isEqualTo(409);
        published();
        int before = creds.acceptedTokens().size();
        String stateBefore = page.get("tor/state").json().toString();

        PageClient.Answer shared = page.post("tor/share", Map.of());
        String withToken = shared.json().get("addresses").get(0).asText();
        assertThat(withToken).startsWith(ADDRESS + ":").hasSize(ADDRESS.length() + 1 + 128);
        String token = withToken.substring(ADDRESS.length() + 1);
        assertThat(creds.acceptedTokens()).hasSize(before + 1);
        assertThat(stateBefore).doesNotContain(token);
        assertThat(page.get("tor/state").json().toString()).doesNotContain(token);
    }
}
