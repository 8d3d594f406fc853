package org.annexp2p.web.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.annexp2p.web.Reply;
import org.annexp2p.web.Routes;
import org.annexp2p.web.Section;
import org.annexp2p.web.UiContext;
import org.annexp2p.web.UiSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The page's security rules, attacked over plain sockets: one server shared by every case. */
class PageSecurityTest {
    @TempDir
    static Path repo;
    static PageServer server;
    static RawHttp http;
    static final List<String> actions = new ArrayList<>();
    static UiContext context;

    /** A section with one read and one action, so the rules are seen to guard endpoints too. */
    record Probe() implements Section {
        @Override
        public String id() {
            return "probe";
        }

        @Override
        public void register(Routes routes) {
            routes.get("read", call -> Reply.ok(java.util.Map.of("read", true)));
            routes.get("broken", call -> {
                throw new IllegalStateException();
            });
            routes.post("act", call -> {
                synchronized (actions) {
                    actions.add(call.text("what"));
                }
                return Reply.ok(java.util.Map.of("done", true));
            });
        }
    }

    @BeforeAll
    static void start() throws Exception {
        server = PageServer.start(UiSettings.loopback(repo), given -> {
            context = given;
            return List.of(new Probe());
        });
        http = new RawHttp(server.address());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String token() {
        return server.url().getQuery().substring("token=".length());
    }

    static String cookie() {
        return "Cookie: annex-p2p-ui-" + server.address().getPort() + "=" + token();
    }

    static String origin() {
        return "Origin: http://" + http.host();
    }

    static String csrf() throws Exception {
        Matcher m = Pattern.compile("name=\"annex-csrf\" content=\"([^\"]+)\"").matcher(http.get("/", cookie()).body());
        assertThat(m.find()).isTrue();
        return "X-Annex-CSRF: " + m.group(1);
    }

    @Test
    void withoutTheTokenNothingIsServed() throws Exception {
        assertThat(http.get("/").status()).isEqualTo(401);
        assertThat(http.get("/static/app.js").status()).isEqualTo(401);
        assertThat(http.get("/api/probe/read").status()).isEqualTo(401);
        assertThat(http.get("/api/events").status()).isEqualTo(401);
        assertThat(http.get("/", "Cookie: annex-p2p-ui-" + server.address().getPort() + "=" + token() + "x").status()).isEqualTo(401);
        assertThat(http.get("/?token=" + token().substring(1)).status()).isEqualTo(401);
    }

    @ParameterizedTest
    @ValueSource(strings = {"//evil.example/", "/\\evil.example/", "//evil.example/static/app.js"})
    void enteringNeverRedirectsToAnotherSite(String path) throws Exception {
        RawHttp.Answer answer = http.get(path + "?" + server.url().getQuery());
        assertThat(answer.status()).isEqualTo(303);
        assertThat(answer.header("Location")).isEqualTo("/");
    }

    @Test
    void aCookieForAnotherPortsPageIsNotOurs() throws Exception {
        assertThat(http.get("/", "Cookie: annex-p2p-ui-1=" + token()).status()).isEqualTo(401);
    }

    @Test
    void aLaunchTokenWorksOnceThenGrantsNothing() throws Exception {
        String launch = server.launchUrl().getQuery();
        RawHttp.Answer first = http.get("/?" + launch);
        assertThat(first.status()).isEqualTo(303);
        assertThat(first.header("Set-Cookie")).startsWith("annex-p2p-ui-" + server.address().getPort() + "=" + token() + ";");
        assertThat(http.get("/?" + launch).status()).isEqualTo(401);
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.example:PORT", "evil.example", "127.0.0.1", "127.0.0.1:1", "localhost.evil.example:PORT",
            "127.0.0.1:PORT@evil.example", "127.0.0.2:PORT", ""})
    void aForeignHostIsRefusedEvenWithTheToken(String host) throws Exception {
        String header = "Host: " + host.replace("PORT", String.valueOf(server.address().getPort()));
        assertThat(http.get("/", header, cookie()).status()).isEqualTo(421);
        assertThat(http.get("/?" + server.url().getQuery(), header).status()).isEqualTo(421);
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "LOCALHOST", "127.0.0.1", "[::1]"})
    void theLoopbackNamesOfOurPortAreServed(String name) throws Exception {
        assertThat(http.get("/", "Host: " + name + ":" + server.address().getPort(), cookie()).status()).isEqualTo(200);
    }

    @Test
    void anActionFromThePageItselfIsServed() throws Exception {
        RawHttp.Answer answer = http.send("POST", "/api/probe/act", "{\"what\":\"ours\"}", cookie(), origin(), csrf(),
                "Content-Type: application/json");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(actions).contains("ours");
    }

    @Test
    void anActionWithoutTheSameOriginOrTheCsrfTokenChangesNothing() throws Exception {
        String body = "{\"what\":\"forged\"}";
        String json = "Content-Type: application/json";
        assertThat(http.send("POST", "/api/probe/act", body, cookie(), csrf(), json).status()).isEqualTo(403);
        assertThat(http.send("POST", "/api/probe/act", body, cookie(), "Origin: http://evil.example", csrf(), json).status()).isEqualTo(403);
        assertThat(http.send("POST", "/api/probe/act", body, cookie(), "Origin: null", csrf(), json).status()).isEqualTo(403);
        assertThat(http.send("POST", "/api/probe/act", body, cookie(), "Origin: https://" + http.host(), csrf(), json).status()).isEqualTo(403);
        assertThat(http.send("POST", "/api/probe/act", body, cookie(), origin(), json).status()).isEqualTo(403);
        assertThat(http.send("POST", "/api/probe/act", body, cookie(), origin(), "X-Annex-CSRF: " + token(), json).status()).isEqualTo(403);
        assertThat(http.send("POST", "/api/probe/act", body, origin(), csrf(), json).status()).isEqualTo(401);
        assertThat(actions).doesNotContain("forged");
    }

    @Test
    void anEndpointsFailureIsOneLineWithoutItsClass() throws Exception {
        RawHttp.Answer answer = http.get("/api/probe/broken", cookie());
        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.body()).startsWith("{\"error\":\"Failed: ").doesNotContain("Exception").doesNotContain("\n\tat ");
    }

    @Test
    void aFormPostIsNotJson() throws Exception {
        RawHttp.Answer answer = http.send("POST", "/api/probe/act", "what=form", cookie(), origin(), csrf(),
                "Content-Type: application/x-www-form-urlencoded");
        assertThat(answer.status()).isEqualTo(415);
    }

    @Test
    void everyAnswerCarriesTheStrictHeadersAndNoCors() throws Exception {
        for (RawHttp.Answer answer : List.of(http.get("/", cookie()), http.get("/static/app.js", cookie()),
                http.get("/api/probe/read", cookie(), "Origin: http://evil.example"), http.get("/"), http.get("/nothing", cookie()))) {
            assertThat(answer.header("Content-Security-Policy")).isEqualTo(Responses.CSP);
            assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(answer.header("Referrer-Policy")).isEqualTo("no-referrer");
            assertThat(answer.header("Cache-Control")).isEqualTo("no-store");
            assertThat(answer.headers().keySet()).noneMatch(name -> name.startsWith("access-control-"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/static/../static/app.js", "/static/%2e%2e/index.html", "/static/..%2fapp.js", "/static/%2fetc%2fpasswd",
            "/static/../../module-info.class", "/static/..\\app.js", "/static/.hidden.js", "/static//app.js",
            "/static/org/annexp2p/web/server/Gate.class", "/../../../../etc/passwd", "/static/app.js%00.css"})
    void pathsCannotLeaveTheStaticFolder(String path) throws Exception {
        RawHttp.Answer answer = http.get(path, cookie());
        assertThat(answer.status()).isIn(400, 404);
        assertThat(answer.body()).doesNotContain("root:").doesNotContain("AnnexUi").doesNotContain("<html");
    }

    @Test
    void anOversizedBodyOrHeadIsRefused() throws Exception {
        String big = "{\"what\":\"" + "x".repeat(PageServer.BODY + 1) + "\"}";
        assertThat(http.send("POST", "/api/probe/act", big, cookie(), origin(), csrf(), "Content-Type: application/json").status()).isEqualTo(413);
        assertThat(http.get("/", cookie(), "X-Filler: " + "y".repeat(PageServer.HEAD + 1)).status()).isIn(400, 431);
    }

    @Test
    void aFloodOfConnectionsThatNeverSpeakDoesNotStarveThePage() throws Exception {
        List<Socket> flood = new ArrayList<>();
        try {
            for (int i = 0; i < PageServer.OPEN + 20; i++) {
                Socket socket = new Socket();
                socket.connect(server.address(), 5000);
                flood.add(socket);
            }
            assertThat(http.get("/api/probe/read", cookie()).status()).isEqualTo(200);
            // The oldest were pushed out as newer ones came: all but the newest WAITING are closed.
            int closed = 0;
            for (Socket socket : flood.subList(0, flood.size() - PageServer.WAITING)) {
                socket.setSoTimeout(10_000);
                try (InputStream in = socket.getInputStream()) {
                    if (in.read() == -1) {
                        closed++;
                    }
                } catch (java.net.SocketException e) {
                    closed++;
                }
            }
            assertThat(closed).isEqualTo(flood.size() - PageServer.WAITING);
        } finally {
            for (Socket socket : flood) {
                socket.close();
            }
        }
    }

    @Test
    void theEventStreamCarriesPublishedEvents() throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(server.address(), 5000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/events HTTP/1.1\r\nHost: " + http.host() + "\r\n" + cookie() + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder seen = new StringBuilder();
            while (!seen.toString().contains("retry: 2000")) {
                seen.append((char) in.read());
            }
            context.events().publish("probe.said", java.util.Map.of("n", 1));
            while (!seen.toString().contains("\"n\":1}\n\n")) {
                seen.append((char) in.read());
            }
            assertThat(seen.toString()).contains("text/event-stream").contains("data: {\"type\":\"probe.said\",\"n\":1}");
        }
    }
}
