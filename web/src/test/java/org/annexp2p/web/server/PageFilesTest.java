package org.annexp2p.web.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.annexp2p.web.UiSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page as served: everything it loads is ours and served, nothing inline, every field labelled, ids unique. */
class PageFilesTest {
    @TempDir
    static Path repo;
    static PageServer server;
    static RawHttp http;
    static String page;

    @BeforeAll
    static void start() throws Exception {
        server = PageServer.start(UiSettings.loopback(repo), context -> List.of());
        http = new RawHttp(server.address());
        page = http.get("/", cookie()).body();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String cookie() {
        return "Cookie: annex-p2p-ui-" + server.address().getPort() + "=" + server.url().getQuery().substring("token=".length());
    }

    static List<String> all(String regex, String text) {
        List<String> found = new ArrayList<>();
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    @Test
    void everythingThePageLoadsIsServedFromTheJarWithItsType() throws Exception {
        List<String> loaded = all("(?:src|href)=\"(/[^\"]*)\"", page);
        assertThat(loaded).contains("/static/app.js", "/static/app.css", "/static/status.js", "/static/tor.js", "/static/pair.js",
                "/static/peers.js", "/static/transfers.js", "/static/doctor.js");
        for (String path : loaded) {
            RawHttp.Answer answer = http.get(path, cookie());
            assertThat(answer.status()).as(path).isEqualTo(200);
            assertThat(answer.header("Content-Type")).as(path).startsWith(path.endsWith(".js") ? "text/javascript" : "text/css");
        }
        assertThat(all("(?:src|href)=\"(https?:[^\"]*)\"", page)).isEmpty();
    }

    @Test
    void nothingInlineForTheContentSecurityPolicyToRefuse() {
        assertThat(all("<script([^>]*)>", page)).allMatch(attributes -> attributes.contains("src="));
        assertThat(page).doesNotContain(" style=").doesNotContain("<style").doesNotContain(" onclick=").doesNotContain("javascript:");
    }

    @Test
    void everySectionIsThereAndEveryFieldHasALabel() {
        assertThat(all("<section id=\"([a-z]+)\"", page)).containsExactly("status", "tor", "pair", "peers", "transfers", "doctor");
        Set<String> labelled = new HashSet<>(all("<label for=\"([^\"]+)\"", page));
        assertThat(all("<(?:input|select|textarea)[^>]* id=\"([^\"]+)\"", page)).allMatch(labelled::contains);
        List<String> ids = all(" id=\"([^\"]+)\"", page);
        assertThat(ids).doesNotHaveDuplicates();
    }
}
