package org.annexp2p.http.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.Supplier;
import org.annexp2p.http.wire.BracketedBase64;
import org.annexp2p.http.wire.Reply;
import org.annexp2p.http.wire.RequestParser;
import org.annexp2p.http.wire.UrlText;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.wire.AssociatedFile;
import org.annexp2p.protocol.wire.MonotonicTimestamp;
import org.annexp2p.protocol.wire.ProtocolVersion;
import org.annexp2p.protocol.wire.Uuid;

/**
 * A client of one repository behind a p2phttp server (ours or git-annex's). It starts at the highest protocol
 * version and, as p2phttp says, steps down on 404 until the server serves one; the version it settles on is
 * kept for the requests after. Failures are IOExceptions whose message is one line for the user.
 */
public final class P2pHttpClient {
    private final Exchange exchange;
    private final Silence silence;

    public P2pHttpClient(HttpClient http, AnnexUrl url, Uuid server, Uuid client, Option<Credentials> credentials) {
        this(http, url, server, client, CredentialSource.fixed(credentials));
    }

    public P2pHttpClient(HttpClient http, AnnexUrl url, Uuid server, Uuid client, CredentialSource credentials) {
        this(http, url, server, client, credentials, Silence.DEFAULT);
    }

    public P2pHttpClient(HttpClient http, AnnexUrl url, Uuid server, Uuid client, CredentialSource credentials,
            Silence silence) {
        this.exchange = new Exchange(http, url, server, client, credentials);
        this.silence = silence;
    }

    /** How long the client waits on a silent server; a lock's answers are answers. */
    Silence silence() {
        return silence;
    }

    /** The version the server agreed to serve (MAX until a request settled it). */
    public ProtocolVersion version() {
        return exchange.version();
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

    /** Holds the lock {@link #lock} took until the returned lock is released (a keeplocked long poll). */
    public KeptLock keepLocked(String lockId) throws IOException {
        return KeptLock.start(exchange, lockId, silence.answer());
    }

    public boolean remove(Key key) throws IOException {
        return json("remove", ProtocolVersion.V0, key(key)).path("removed").asBoolean(false);
    }

    /** Removes only if the server's monotonic clock is still before {@code before} (v3+). */
    public boolean removeBefore(Key key, MonotonicTimestamp before) throws IOException {
        return json("remove-before", ProtocolVersion.V3, "&timestamp=" + before.format() + key(key))
                .path("removed").asBoolean(false);
    }

    /** The server's monotonic clock (v3+). */
    public MonotonicTimestamp timestamp() throws IOException {
        JsonNode t = json("gettimestamp", ProtocolVersion.V3, "").path("timestamp");
        if (!t.canConvertToLong() || t.asLong() < 0) {
            throw new IOException("the server gave no timestamp");
        }
        return MonotonicTimestamp.of(t.asLong());
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
        Patience patience = Patience.transfer(silence);
        Supplier<InputStream> moving = () -> new Moving(body.get(), patience);
        HttpResponse<InputStream> r = exchange.send("put", ProtocolVersion.V0, query, false, patience,
                b -> b.header(RequestParser.DATA_LENGTH_HEADER, Long.toString(length))
                        .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(moving), length)));
        return parse(r).path("stored").asBoolean(false);
    }

    /**
     * The content of {@code key} from {@code offset} as it arrives, none when the server does not have it. The
     * body fails rather than ends when the server sends less than it announced, and {@link Incoming#finish} when
     * it sends more: the caller keeps what it read somewhere private until then.
     */
    public Option<Incoming> open(Key key, AssociatedFile file, long offset) throws IOException {
        // Asked first, so that the download's 404 is never mistaken for a server that does not serve a version.
        if (!checkPresent(key)) {
            return Option.none();
        }
        HttpResponse<InputStream> r = exchange.send("key/" + keyPiece(key), ProtocolVersion.V0,
                file(file) + "&offset=" + offset, true, Patience.transfer(silence), HttpRequest.Builder::GET);
        InputStream in = ok(r);
        Option<String> announced = Option.ofOptional(r.headers().firstValue(RequestParser.DATA_LENGTH_HEADER))
                .orElse(() -> Option.ofOptional(r.headers().firstValue("Content-Length")));
        if (announced.isEmpty() || !announced.get().matches("[0-9]{1,18}")) {
            in.close();
            throw new IOException(announced.isEmpty() ? "the server did not say how long the content is"
                    : "the server announced a length that is not one: " + announced.get().replaceAll("[^ -~]", "?"));
        }
        return Option.some(new Incoming(Long.parseLong(announced.get()), in));
    }

    /** Writes the content of {@code key} from {@code offset} to {@code into}; how many bytes came. */
    public long get(Key key, AssociatedFile file, long offset, OutputStream into) throws IOException {
        Option<Incoming> content = open(key, file, offset);
        if (content.isEmpty()) {
            throw new IOException("the server does not have the content");
        }
        try (Incoming in = content.get()) {
            long n = in.transferTo(into);
            in.finish();
            return n;
        }
    }

    private JsonNode json(String route, ProtocolVersion minimum, String query) throws IOException {
        return parse(exchange.send(route, minimum, query, false, Patience.answer(silence),
                b -> b.POST(HttpRequest.BodyPublishers.noBody())));
    }

    private InputStream ok(HttpResponse<InputStream> r) throws IOException {
        int status = r.statusCode();
        if (status == 200) {
            return r.body();
        }
        r.body().close();
        throw new IOException(switch (status) {
            case 401 -> "the server wants credentials (" + exchange.hint() + ")";
            case 403 -> "the server does not allow this with these credentials";
            case 404 -> "the server does not serve this repository or route";
            default -> "the server answered HTTP " + status;
        });
    }

    private JsonNode parse(HttpResponse<InputStream> r) throws IOException {
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
