package org.annexp2p.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A test's view of a running page, as the page's own script talks to it: the cookie, the CSRF header, JSON. */
public final class PageClient {
    public record Answer(int status, JsonNode json) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String cookie;
    private final String csrf;

    public PageClient(RunningUi ui) throws IOException, InterruptedException {
        base = "http://127.0.0.1:" + ui.address().getPort();
        cookie = "annex-p2p-ui-" + ui.address().getPort() + "=" + ui.url().getQuery().substring("token=".length());
        String page = http.send(request("/").GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("name=\"annex-csrf\" content=\"([^\"]+)\"").matcher(page);
        if (!m.find()) {
            throw new IllegalStateException("the page has no CSRF token");
        }
        csrf = m.group(1);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).header("Cookie", cookie);
    }

    public Answer get(String apiPath) throws IOException, InterruptedException {
        return answer(request("/api/" + apiPath).GET().build());
    }

    public Answer post(String apiPath, Object body) throws IOException, InterruptedException {
        return answer(request("/api/" + apiPath).header("Origin", base).header("X-Annex-CSRF", csrf)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
    }

    /** Polls {@code apiPath} until {@code done} holds (bounded: a safety net, not a measurement). */
    public JsonNode await(String apiPath, java.util.function.Predicate<JsonNode> done) throws IOException, InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            JsonNode now = get(apiPath).json();
            if (done.test(now)) {
                return now;
            }
            if (System.nanoTime() > until) {
                throw new AssertionError("still not done: " + now);
            }
            Thread.sleep(50);
        }
    }

    private Answer answer(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), JSON.readTree(response.body()));
    }
}
