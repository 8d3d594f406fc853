package org.annexp2p.http.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.Supplier;
import org.annexp2p.http.wire.ApiVersion;
import org.annexp2p.http.wire.BracketedBase64;
import org.annexp2p.http.wire.Reply;
import org.annexp2p.http.wire.RequestParser;
import org.annexp2p.http.wire.UrlText;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.wire.AssociatedFile;
import org.annexp2p.protocol.wire.ProtocolVersion;
import org.annexp2p.protocol.wire.Uuid;

/**
 * A client of one repository behind a p2phttp server (ours or git-annex's). It starts at the highest protocol
 * version and, as p2phttp says, steps down on 404 until the server serves one; the version it settles on is
 * kept for the requests after. Failures are IOExceptions whose message is one line for the user.
 */
public final class P2pHttpClient {
    private final HttpClient http;
    private final AnnexUrl url;
    private final Uuid server;
    private final Uuid client;
    private final Option<Credentials> credentials;
    private volatile ProtocolVersion version = ProtocolVersion.MAX;
    private volatile boolean settled;

    public P2pHttpClient(HttpClient http, AnnexUrl url, Uuid server, Uuid client, Option<Credentials> credentials) {
        this.http = http;
        this.url = url;
        this.server = server;
        this.client = client;
        this.credentials = credentials;
    }

    /** The version the server agreed to serve (MAX until a request settled it). */
    public ProtocolVersion version() {
        return version;
    }

    public boolean checkPresent(Key key) throws IOException {
        return json("checkpresent", ProtocolVersion.V0, key(key)).path("present").asBoolean(false);
    }

    /** The lock id when the server locked the content (for 10 minutes, as p2phttp's lockcontent does). */
    public Option<String> lock(Key key) throws IOException {
        JsonNode j = json("lockcontent", ProtocolVersion.V0, key(key));
        if (!j.path("locked").asBoolean(false) || !j.path("lockid").isTextual()) {
            return Option.none();
        }
        return Option.some(BracketedBase64.decode(j.get("lockid").asText()).getOrElseThrow((String m) -> new IOException("the server sent a bad lock id")));
    }

    public boolean remove(Key key) throws IOException {
        return json("remove", ProtocolVersion.V0, key(key)).path("removed").asBoolean(false);
    }

    /** Where a put of {@code key} would resume; none when the server already has it. */
    public Option<Long> putOffset(Key key) throws IOException {
        JsonNode j = json("putoffset", ProtocolVersion.V1, key(key));
        if (j.path("alreadyhave").asBoolean(false)) {
            return Option.none();
        }
        if (!j.path("offset").canConvertToLong() || j.get("offset").asLong() < 0) {
            throw new IOException("the server gave no offset to resume at");
        }
        return Option.some(j.get("offset").asLong());
    }

    /** Sends {@code length} bytes of content from {@code offset}; whether the server verified and stored it. */
    public boolean put(Key key, AssociatedFile file, long offset, long length, Supplier<InputStream> body) throws IOException {
        String query = key(key) + file(file) + "&offset=" + offset;
        HttpResponse<InputStream> r = send("put", ProtocolVersion.V0, query, false,
                b -> b.header(RequestParser.DATA_LENGTH_HEADER, Long.toString(length))
                        .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(body), length)));
        return parse(r).path("stored").asBoolean(false);
    }

    /**
     * Writes the content of {@code key} from {@code offset} to {@code into} as it arrives and returns how many bytes
     * came. A body that is not exactly as long as the server announced is invalid (the file changed while it was
     * sent, or the connection broke): the caller must then discard what was written.
     */
    public long get(Key key, AssociatedFile file, long offset, OutputStream into) throws IOException {
        if (!checkPresent(key)) {
            throw new IOException("the server does not have the content");
        }
        HttpResponse<InputStream> r = send("key/" + keyPiece(key), ProtocolVersion.V0,
                file(file) + "&offset=" + offset, true, HttpRequest.Builder::GET);
        try (InputStream in = ok(r)) {
            Option<Long> announced = Option.ofOptional(r.headers().firstValue(RequestParser.DATA_LENGTH_HEADER))
                    .flatMap(v -> Option.of(v).filter(s -> s.matches("[0-9]{1,18}")).map(Long::parseLong));
            if (version.atLeast(ProtocolVersion.V1) && announced.isEmpty()) {
                throw new IOException("the server did not say how long the content is");
            }
            // Never more than one byte past the announced length: a server that sends on is not followed further.
            long n = copy(in, into, announced.map(a -> a + 1).getOrElse(Long.MAX_VALUE));
            if (announced.isDefined() && n != announced.get()) {
                throw new IOException("the server sent " + (n > announced.get() ? "more than " + announced.get() + " bytes"
                        : n + " bytes where it announced " + announced.get())
                        + ": the content is not valid");
            }
            return n;
        }
    }

    private static long copy(InputStream in, OutputStream out, long limit) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        long n = 0;
        for (int r; n < limit && (r = in.read(chunk, 0, (int) Math.min(chunk.length, limit - n))) >= 0; n += r) {
            out.write(chunk, 0, r);
        }
        return n;
    }

    private JsonNode json(String route, ProtocolVersion minimum, String query) throws IOException {
        return parse(send(route, minimum, query, false, b -> b.POST(HttpRequest.BodyPublishers.noBody())));
    }

    private interface Method {
        HttpRequest.Builder apply(HttpRequest.Builder b);
    }

    private HttpResponse<InputStream> send(String route, ProtocolVersion minimum, String query, boolean absentIs404,
            Method method) throws IOException {
        for (long v = version.value(); ; v--) {
            ProtocolVersion at = new ProtocolVersion(v);
            URI uri = url.base().resolve(UrlText.encode(server.value()) + "/" + ApiVersion.format(at) + "/" + route
                    + "?clientuuid=" + UrlText.encode(client.value()) + query);
            HttpRequest.Builder b = method.apply(HttpRequest.newBuilder(uri));
            credentials.forEach(c -> b.header("Authorization", c.header()));
            HttpResponse<InputStream> r;
            try {
                r = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            } catch (IOException e) {
                throw new IOException("cannot reach " + url.base() + ": " + e.getMessage(), e);
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
        }
    }

    private static InputStream ok(HttpResponse<InputStream> r) throws IOException {
        int status = r.statusCode();
        if (status == 200) {
            return r.body();
        }
        r.body().close();
        throw new IOException(switch (status) {
            case 401 -> "the server wants credentials (set " + Credentials.USER + " and " + Credentials.PASSWORD + ")";
            case 403 -> "the server does not allow this with these credentials";
            case 404 -> "the server does not serve this repository or route";
            default -> "the server answered HTTP " + status;
        });
    }

    private static JsonNode parse(HttpResponse<InputStream> r) throws IOException {
        try (InputStream in = ok(r)) {
            byte[] body = in.readNBytes(64 * 1024);
            JsonNode j = Reply.JSON.readTree(body);
            if (j == null || !j.isObject()) {
                throw new IOException("the server's answer is not a JSON object");
            }
            return j;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException("the server's answer is not JSON");
        }
    }

    private static String keyPiece(Key key) {
        return UrlText.encode(BracketedBase64.encode(key.serialize()));
    }

    private static String key(Key key) {
        return "&key=" + keyPiece(key);
    }

    private static String file(AssociatedFile file) {
        return file.path().map(p -> "&associatedfile=" + UrlText.encode(BracketedBase64.encode(p))).getOrElse("");
    }
}
