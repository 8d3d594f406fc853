package org.annexp2p.http.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.stream.Stream;
import org.annexp2p.repository.AnnexRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Requests no client should send — malformed paths, keys that try to leave the object store, lengths and offsets out
 * of range, bad base64 — each get a 4xx, and nothing of them appears in the object store or outside the repository. One server on disk
 * serves every case; {@code UUID} in a case is the served repository's.
 */
class BadInputTest {
    private static final String ESCAPE = "escaped";
    private static final String KEPT = "kept-inside";
    private static final byte[] BODY = "abc".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    static Path tmp;
    private static AnnexRepository repository;
    private static ServerFixture f;

    @BeforeAll
    static void start() throws IOException {
        repository = AnnexRepository.create(tmp.resolve("repo"));
        f = new ServerFixture(repository, ServerFixture.wideOpen());
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    private static String b64(String s) {
        return "%5B" + Base64.getUrlEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)) + "%5D";
    }

    /**
     * A key whose name holds path characters is a key git-annex accepts: its file name is escaped ('/' becomes '%'),
     * so it is stored inside the object store like any other — or, where this repository cannot name it (NUL),
     * refused as the protocol refuses a PUT — and nothing lands outside.
     */
    @ParameterizedTest
    @ValueSource(strings = {"WORM-s3--../../../../" + KEPT, "WORM-s3--/tmp/" + KEPT, "WORM-s3--..\\..\\" + KEPT,
        "WORM-s3--a\u0000" + KEPT})
    void aKeyWithPathCharactersStaysInsideTheStore(String key) throws Exception {
        String k = key.contains("\u0000") ? "%5B" + Base64.getUrlEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8)) + "%5D"
                : ServerFixture.key(org.annexp2p.protocol.key.Key.parse(key).get());
        String head = "POST " + f.path("v3", "put", "&key=" + k) + " HTTP/1.1\r\nHost: x\r\nX-git-annex-data-length: 3\r\n"
                + "Content-Length: 3\r\nConnection: close\r\n\r\n";
        String answer = f.raw(head, BODY, false);

        assertThat(answer).as(answer).matches("(?s)HTTP/1\\.1 (200 .*\\{\"stored\":(true|false),.*|4\\d\\d .*)");
        Path objects = repository.annexDir().resolve("objects");
        try (Stream<Path> all = Files.walk(tmp)) {
            assertThat(all.filter(p -> p.toString().contains(KEPT)).filter(p -> !p.startsWith(objects)
                    && !p.getParent().equals(repository.annexDir().resolve("tmp")) && !p.startsWith(repository.annexDir().resolve("journal"))))
                    .as("nothing outside the store").isEmpty();
        }
        if (answer.contains("\"stored\":true")) {
            assertThat(Files.readAllBytes(repository.locate(org.annexp2p.protocol.key.Key.parse(key).get()).get())).isEqualTo(BODY);
            assertThat(repository.locate(org.annexp2p.protocol.key.Key.parse(key).get()).get()).startsWith(objects);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "POST /git-annex/UUID/v3/put?clientuuid=CLIENT&key=%2E%2E%2F%2E%2E%2F" + ESCAPE,
        "POST /git-annex/UUID/v3/put?clientuuid=CLIENT&key=%252E%252E%252F" + ESCAPE,
        "POST /git-annex/UUID/v3/put?clientuuid=CLIENT&key=B64:%2Ftmp%2F" + ESCAPE,
        "GET /git-annex/UUID/key/..%2F..%2F..%2F" + ESCAPE,
        "GET /git-annex/UUID/key/B64:../../../../" + ESCAPE,
        "GET /git-annex/UUID/v3/key/SHA256E-s3--..%2F..%2Fconfig?clientuuid=CLIENT",
        "POST /git-annex/UUID/v3/put?clientuuid=CLIENT&key=WORM-s3--" + ESCAPE + "&offset=-1",
        "POST /git-annex/UUID/v3/put?clientuuid=CLIENT&key=WORM-s3--" + ESCAPE + "&offset=99999999999999999999999",
        "GET /git-annex/UUID/v3/key/WORM-s3--" + ESCAPE + "?clientuuid=CLIENT&offset=-5",
        "POST /git-annex/UUID/v3/put?clientuuid=CLIENT&key=%5BV09STS1zMy0t!%5D",
        "POST /git-annex/UUID/v3/put?clientuuid=CLIENT&key=%5B*%5D",
        "POST /git-annex/UUID/v3/keeplocked?clientuuid=CLIENT&lockid=%5B%25%25%5D",
        "POST /git-annex/UUID/v3/checkpresent?clientuuid=CLIENT&key=WORM-s3--" + ESCAPE + "&key=WORM-s3--x",
        "POST /git-annex/UUID/v3/checkpresent?clientuuid=CLIENT&key=%zz",
        "POST /git-annex/%zz/v3/checkpresent?clientuuid=CLIENT&key=WORM-s3--" + ESCAPE,
        "POST /git-annex/UUID/v3/checkpresent/extra?clientuuid=CLIENT&key=WORM-s3--" + ESCAPE,
        "POST /git-annex/UUID/v3/put?clientuuid=CLIENT&key=WORM-s3--" + ESCAPE + " LENGTH -3",
        "POST /git-annex/UUID/v3/put?clientuuid=CLIENT&key=WORM-s3--" + ESCAPE + " LENGTH 99999999999999999999999",
        "POST /git-annex/UUID/v3/put?clientuuid=CLIENT&key=WORM-s3--" + ESCAPE + " LENGTH 3x",
        "POST /git-annex/UUID/v3/put?clientuuid=CLIENT&key=WORM-s3--" + ESCAPE + " CONTENT-LENGTH 99999999999999999999999",
        "POST /git-annex/UUID/v3/put?clientuuid=CLIENT&key=WORM-s3--" + ESCAPE + " CONTENT-LENGTH -3",
    })
    void isRefusedWithAClientErrorAndLeavesNothing(String request) throws Exception {
        String[] parts = request.split(" ");
        String target = parts[1].replace("UUID", repository.uuid().value()).replace("CLIENT", ServerFixture.CLIENT);
        target = target.contains("B64:") ? target.substring(0, target.indexOf("B64:")) + b64(target.substring(target.indexOf("B64:") + 4))
                : target;
        String dataLength = parts.length > 3 && parts[2].equals("LENGTH") ? parts[3] : Integer.toString(BODY.length);
        String contentLength = parts.length > 3 && parts[2].equals("CONTENT-LENGTH") ? parts[3] : Integer.toString(BODY.length);
        String head = parts[0] + " " + target + " HTTP/1.1\r\nHost: x\r\nX-git-annex-data-length: " + dataLength
                + "\r\nContent-Length: " + contentLength + "\r\nConnection: close\r\n\r\n";
        String answer = f.raw(head, BODY, false);

        assertThat(answer).as(answer).matches("(?s)HTTP/1\\.1 4\\d\\d .*");
        try (Stream<Path> all = Files.walk(tmp)) {
            // A partial copy kept for a resume is in the repository's tmp, named by the key with its '/' escaped.
            Path partials = repository.annexDir().resolve("tmp");
            assertThat(all.filter(p -> p.toString().contains(ESCAPE) && !p.getParent().equals(partials)))
                    .as("nothing of it outside the repository's tmp").isEmpty();
        }
        try (Stream<Path> objects = Files.walk(repository.annexDir())) {
            assertThat(objects.filter(Files::isRegularFile).filter(p -> p.toString().contains("/objects/") && !p.toString().contains(KEPT)))
                    .as("nothing stored but the keys with path characters").isEmpty();
        }
    }
}
