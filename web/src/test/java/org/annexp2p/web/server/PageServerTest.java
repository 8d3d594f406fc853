package org.annexp2p.web.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.annexp2p.web.UiSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PageServerTest {
    @TempDir
    static Path repo;
    static PageServer server;
    static RawHttp http;

    @BeforeAll
    static void start() throws Exception {
        server = PageServer.start(UiSettings.loopback(repo), context -> List.of());
        http = new RawHttp(server.address());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    String cookie() {
        return "Cookie: annex-p2p-ui-" + server.address().getPort() + "=" + server.url().getQuery().substring("token=".length());
    }

    @Test
    void theTokenBecomesACookieAndLeavesTheAddressBar() throws Exception {
        RawHttp.Answer answer = http.get("/?" + server.url().getQuery());
        assertThat(answer.status()).isEqualTo(303);
        assertThat(answer.header("Location")).isEqualTo("/");
        assertThat(answer.header("Set-Cookie")).contains("HttpOnly").contains("SameSite=Strict").contains("Path=/");
        RawHttp.Answer page = http.get("/", cookie());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<section id=\"status\"").doesNotContain("{{csrf}}");
        assertThat(page.header("Content-Security-Policy")).isEqualTo(Responses.CSP);
    }
}
