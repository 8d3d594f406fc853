package org.annexp2p.web.tor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.annexp2p.web.RunningUi;

/**
 * The page as a plain Java HTTP client sees it: it enters with the printed URL (the token becomes the cookie),
 * reads the CSRF token from the page, and sends actions as the page's script does (same Origin, CSRF header).
 * {@link #events} follows the server-sent events.
 */
public final class PageClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final URI base;
    private final String cookie;
    private final String csrf;
    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    private InputStream stream;

    public PageClient(RunningUi ui) throws Exception {
        this.base = URI.create("http://" + ui.url().getAuthority());
        HttpResponse<String> enter = http.send(HttpRequest.newBuilder(ui.url()).build(), HttpResponse.BodyHandlers.ofString());
        this.cookie = enter.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        String page = http.send(request("/").build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("name=\"annex-csrf\" content=\"([^\"]+)\"").matcher(page);
        if (!m.find()) {
            throw new IllegalStateException("the page has no CSRF token");
        }
        this.csrf = m.group(1);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).header("Cookie", cookie);
    }

    public record Answer(int status, JsonNode json) {}

    public Answer get(String path) throws Exception {
        return answer(http.send(request("/api/" + path).build(), HttpResponse.BodyHandlers.ofString()));
    }

    public Answer post(String path, Map<String, ?> body) throws Exception {
        HttpRequest r = request("/api/" + path).header("Origin", base.toString()).header("X-Annex-CSRF", csrf)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
        return answer(http.send(r, HttpResponse.BodyHandlers.ofString()));
    }

    private static Answer answer(HttpResponse<String> r) throws Exception {
        return new Answer(r.statusCode(), r.body().isEmpty() ? null : JSON.readTree(r.body()));
    }

    /** Starts following {@code /api/events}; call before the action whose events a test awaits. */
    public PageClient listen() throws Exception {
        HttpResponse<InputStream> r = http.send(request("/api/events").header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        stream = r.body();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    if (line.startsWith("data:")) {
                        events.add(JSON.readTree(line.substring(5).strip()));
                    }
                }
            } catch (Exception e) {
                // the stream ends when the test closes the client or the server
            }
        }, "test-events");
        reader.setDaemon(true);
        reader.start();
        return this;
    }

    /** The first event of {@code type} that {@code matches}, waiting up to 60 s. */
    public JsonNode await(String type, Predicate<JsonNode> matches) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            JsonNode e = events.poll(until - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (e == null) {
                throw new AssertionError("no " + type + " event came");
            }
            if (e.path("type").asText().equals(type) && matches.test(e)) {
                return e;
            }
        }
    }

    @Override
    public void close() throws Exception {
        if (stream != null) {
            stream.close();
        }
    }
}
