package org.annexp2p.web.reach;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.transports.FailureWords;

/**
 * Whether a p2phttp server answers for its repository right now: one real request, a v4 checkpresent of a key no
 * repository has, to the served URL. No credentials are sent: a server that serves the UUID answers (200, or 401
 * when it wants a login), one that does not serves it answers 404.
 *
 * <p>One client for every check of its owner ({@link Reach#http()}, one per page): a JDK client starts a selector
 * thread of its own, so a client per check would cost a thread per check. Java 17's client has no close; its thread
 * ends once the owner, and so the client, is unreachable. Plain HTTP/1.1, as git-annex asks.
 */
public final class HttpReach {
    /** A key whose content would have to hash to all zeros. */
    static final String ABSENT_KEY = "SHA256E-s1--" + "0".repeat(64);

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Reach.BOUND).followRedirects(HttpClient.Redirect.NEVER).build();

    HttpReach() {
    }

    /** Asks the server at {@code annexUrl} ({@code annex+http(s)://HOST:PORT/git-annex/UUID}) whether it serves {@code ours}. */
    public Reach.Result check(String annexUrl, Uuid ours, Duration bound) {
        long start = System.nanoTime();
        String url = annexUrl.substring("annex+".length());
        String served = url.substring(url.lastIndexOf('/') + 1);
        if (!served.equals(ours.value())) {
            return result(annexUrl, false, "that address is for another repository, " + served, start);
        }
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/v4/checkpresent?key=" + ABSENT_KEY
                    + "&clientuuid=" + ours.value() + "&serveruuid=" + ours.value())).timeout(bound)
                    .POST(HttpRequest.BodyPublishers.noBody()).build();
            int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            boolean answered = status == 200 || status == 401 || status == 403;
            String words = answered ? "answered for " + served + (status == 200 ? "" : " (it asks for a login)")
                    : "the server answered HTTP " + status + (status == 404 ? ": it does not serve " + served : "");
            return result(annexUrl, answered, words, start);
        } catch (IOException | IllegalArgumentException e) {
            return result(annexUrl, false, FailureWords.of(e), start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return result(annexUrl, false, "the check was interrupted", start);
        }
    }

    private static Reach.Result result(String address, boolean reachable, String words, long start) {
        return new Reach.Result(address, reachable, words, Instant.now().toString(),
                Duration.ofNanos(System.nanoTime() - start).toMillis());
    }
}
