package org.annexp2p.http.client;

import io.vavr.control.Option;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.annexp2p.http.wire.ApiVersion;
import org.annexp2p.http.wire.UrlText;
import org.annexp2p.protocol.wire.ProtocolVersion;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.transports.FailureWords;

/**
 * How every request of a {@link P2pHttpClient} is sent: at the highest version not yet refused, stepping down on
 * 404 as p2phttp says, and with credentials once the server asked for them (asked once, then kept).
 */
final class Exchange {
    interface Method {
        HttpRequest.Builder apply(HttpRequest.Builder b);
    }

    private final HttpClient http;
    private final AnnexUrl url;
    private final Uuid server;
    private final Uuid client;
    private final CredentialSource source;
    private volatile ProtocolVersion version = ProtocolVersion.MAX;
    private volatile boolean settled;
    private volatile Option<Credentials> credentials;
    private volatile boolean asked;

    Exchange(HttpClient http, AnnexUrl url, Uuid server, Uuid client, CredentialSource source) {
        this.http = http;
        this.url = url;
        this.server = server;
        this.client = client;
        this.source = source;
        this.credentials = source.upfront();
    }

    ProtocolVersion version() {
        return version;
    }

    AnnexUrl url() {
        return url;
    }

    String hint() {
        return source.hint();
    }

    /**
     * Sends at the version in use, stepping down on 404 to {@code minimum}; a 404 of a settled version is the
     * route's own answer when {@code absentIs404}. A 401 without credentials asks the source once and retries.
     */
    HttpResponse<InputStream> send(String route, ProtocolVersion minimum, String query, boolean absentIs404,
            Patience patience, Method method) throws IOException {
        for (long v = version.value(); ; ) {
            ProtocolVersion at = new ProtocolVersion(v);
            Option<Credentials> sent = credentials;
            HttpResponse<InputStream> r = once(at, route, query, method, sent, patience);
            if (r.statusCode() == 401 && sent.isEmpty() && !asked) {
                asked = true;
                credentials = source.ask();
                if (credentials.isDefined()) {
                    r.body().close();
                    continue;
                }
            }
            if (asked && sent.isDefined()) {
                if (r.statusCode() == 401) {
                    source.refused(sent.get());
                } else if (r.statusCode() != 403) {
                    source.accepted(sent.get());
                }
                asked = false;
            }
            if (r.statusCode() == 401 && sent.isDefined()) {
                r.body().close();
                throw new IOException("the server did not accept the credentials " + source.origin());
            }
            // A 404 is the server saying it does not serve this version, unless the version is known and the route
            // answers 404 for absent content.
            boolean stepDown = r.statusCode() == 404 && v > minimum.value() && !(absentIs404 && settled);
            if (!stepDown) {
                if (r.statusCode() != 404) {
                    version = at;
                    settled = true;
                }
                return r;
            }
            r.body().close();
            v--;
        }
    }

    private HttpResponse<InputStream> once(ProtocolVersion at, String route, String query, Method method,
            Option<Credentials> with, Patience patience) throws IOException {
        URI uri = url.base().resolve(UrlText.encode(server.value()) + "/" + ApiVersion.format(at) + "/" + route
                + "?clientuuid=" + UrlText.encode(client.value()) + query);
        HttpRequest.Builder b = method.apply(HttpRequest.newBuilder(uri));
        with.forEach(c -> b.header("Authorization", c.header()));
        CompletableFuture<HttpResponse<InputStream>> answer =
                http.sendAsync(b.build(), info -> new PatientBody(patience, () -> patience.exhausted(url)));
        try {
            while (true) {
                long left = patience.leftNanos();
                if (left <= 0) {
                    throw patience.exhausted(url);
                }
                try {
                    return answer.get(left, TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    // An upload that still moves has reset the clock: wait on.
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        } finally {
            // Ends the exchange (an upload the server stopped reading too) unless it answered; no-op if it did.
            answer.cancel(true);
        }
    }

    private IOException failure(Throwable cause) {
        if (cause instanceof javax.net.ssl.SSLHandshakeException e) {
            return new IOException("cannot reach " + url.base() + ": its certificate is not trusted (" + HttpClients.CA
                    + " may name a PEM file of the certificates to trust)", e);
        }
        return new IOException("cannot reach " + url.base() + ": " + FailureWords.of(cause), cause);
    }

    /** The request as the server will see it, for the long poll that is sent asynchronously. */
    HttpRequest request(ProtocolVersion at, String route, String query, Method method) {
        URI uri = url.base().resolve(UrlText.encode(server.value()) + "/" + ApiVersion.format(at) + "/" + route
                + "?clientuuid=" + UrlText.encode(client.value()) + query);
        HttpRequest.Builder b = method.apply(HttpRequest.newBuilder(uri));
        credentials.forEach(c -> b.header("Authorization", c.header()));
        return b.build();
    }

    HttpClient http() {
        return http;
    }
}
