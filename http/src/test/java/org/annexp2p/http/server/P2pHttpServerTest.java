package org.annexp2p.http.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Option;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.repository.MemoryRepository;
import org.annexp2p.testkit.content.GitAnnexKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class P2pHttpServerTest {
    private final MemoryRepository repository = new MemoryRepository(Uuid.random());
    private final ServerFixture f = start();

    private ServerFixture start() {
        try {
            return new ServerFixture(repository, ServerFixture.wideOpen());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private static Key someKey() {
        return GitAnnexKeys.all().stream().filter(k -> k.backend().equals("SHA256") && k.size().get() > 100
                && k.size().get() < 1 << 20).findFirst().orElseThrow();
    }

    @Test
    void thePlainDownloadServesPresentContentAndNotFoundOtherwise() throws Exception {
        Key key = someKey();
        byte[] content = GitAnnexKeys.content(key);
        assertThat(f.get(f.base() + "/key/" + ServerFixture.key(key)).statusCode()).isEqualTo(404);
        repository.putContent(key, content);
        var r = f.get(f.base() + "/key/" + ServerFixture.key(key));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(content);
    }

    @Test
    void aVersionedGetStartsAtItsOffsetAndAnnouncesTheLength() throws Exception {
        Key key = someKey();
        byte[] content = GitAnnexKeys.content(key);
        repository.putContent(key, content);
        var r = f.get(f.url("v3", "key/" + ServerFixture.key(key), "&offset=3"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("X-git-annex-data-length")).contains(Long.toString(content.length - 3));
        assertThat(r.body()).isEqualTo(java.util.Arrays.copyOfRange(content, 3, content.length));
    }

    @Test
    void checkPresentAnswersInJson() throws Exception {
        Key key = someKey();
        assertThat(f.post(f.url("v4", "checkpresent", "&key=" + ServerFixture.key(key)), Option.none()).body())
                .isEqualTo("{\"present\":false}");
        repository.putContent(key, GitAnnexKeys.content(key));
        assertThat(f.post(f.url("v0", "checkpresent", "&key=" + ServerFixture.key(key)), Option.none()).body())
                .isEqualTo("{\"present\":true}");
    }

    @Test
    void aPutStoresVerifiedContentAndPutOffsetThenSaysItIsThere() throws Exception {
        Key key = someKey();
        byte[] content = GitAnnexKeys.content(key);
        assertThat(f.post(f.url("v3", "putoffset", "&key=" + ServerFixture.key(key)), Option.none()).body())
                .isEqualTo("{\"offset\":0}");
        var r = f.put(f.url("v3", "put", "&key=" + ServerFixture.key(key)), content.length, BodyPublishers.ofByteArray(content));
        assertThat(r.body()).isEqualTo("{\"stored\":true,\"plusuuids\":[]}");
        assertThat(repository.content(key).get()).isEqualTo(content);
        assertThat(f.post(f.url("v1", "putoffset", "&key=" + ServerFixture.key(key)), Option.none()).body())
                .isEqualTo("{\"alreadyhave\":true}");
    }

    @Test
    void dataPresentIsBelievedOnlyWhenTheContentIsThere() throws Exception {
        Key key = someKey();
        String url = f.url("v4", "put", "&key=" + ServerFixture.key(key) + "&data-present=true");
        assertThat(f.post(url, Option.none()).body()).isEqualTo("{\"stored\":false,\"plusuuids\":[]}");
        repository.putContent(key, GitAnnexKeys.content(key));
        assertThat(f.post(url, Option.none()).body()).isEqualTo("{\"stored\":true,\"plusuuids\":[]}");
    }

    @Test
    void wrongContentIsNotStored() throws Exception {
        Key key = someKey();
        byte[] content = GitAnnexKeys.content(key).clone();
        content[0] ^= 1;
        var r = f.put(f.url("v4", "put", "&key=" + ServerFixture.key(key)), content.length, BodyPublishers.ofByteArray(content));
        assertThat(r.body()).isEqualTo("{\"stored\":false,\"plusuuids\":[]}");
        assertThat(repository.content(key).isEmpty()).isTrue();
    }

    @Test
    void aBodyLongerThanAnnouncedIsNotStored() throws Exception {
        Key key = someKey();
        byte[] content = GitAnnexKeys.content(key);
        byte[] longer = java.util.Arrays.copyOf(content, content.length + 5);
        String head = "POST " + f.url("v3", "put", "&key=" + ServerFixture.key(key)).substring(f.base().indexOf("/git-annex"))
                + " HTTP/1.1\r\nHost: x\r\nX-git-annex-data-length: " + content.length + "\r\nContent-Length: " + longer.length
                + "\r\nConnection: close\r\n\r\n";
        assertThat(f.raw(head, longer, false)).startsWith("HTTP/1.1 400");
        assertThat(repository.content(key).isEmpty()).isTrue();
    }

    @Test
    void bytesAfterAnEmptyContentAreNotTakenForIt() throws Exception {
        Key key = GitAnnexKeys.all().stream().filter(k -> k.backend().equals("SHA256") && k.size().get() == 0).findFirst().orElseThrow();
        String head = "POST " + f.url("v3", "put", "&key=" + ServerFixture.key(key)).substring(f.base().indexOf("/git-annex"))
                + " HTTP/1.1\r\nHost: x\r\nX-git-annex-data-length: 0\r\nContent-Length: 3\r\nConnection: close\r\n\r\n";
        assertThat(f.raw(head, new byte[] {1, 2, 3}, false)).startsWith("HTTP/1.1 400");
        assertThat(repository.content(key).isEmpty()).isTrue();
    }

    @Test
    void aBodyShorterThanAnnouncedLeavesNothingVisible() throws Exception {
        Key key = someKey();
        byte[] content = GitAnnexKeys.content(key);
        byte[] shorter = java.util.Arrays.copyOf(content, content.length - 5);
        String head = "POST " + f.url("v3", "put", "&key=" + ServerFixture.key(key)).substring(f.base().indexOf("/git-annex"))
                + " HTTP/1.1\r\nHost: x\r\nX-git-annex-data-length: " + content.length + "\r\nContent-Length: " + shorter.length
                + "\r\nConnection: close\r\n\r\n";
        assertThat(f.raw(head, shorter, false)).startsWith("HTTP/1.1 400");
        assertThat(repository.content(key).isEmpty()).isTrue();
        assertThat(f.post(f.url("v3", "checkpresent", "&key=" + ServerFixture.key(key)), Option.none()).body())
                .isEqualTo("{\"present\":false}");
    }

    @Test
    void aLockHoldsOffRemovalUntilKeepLockedLetsGo() throws Exception {
        Key key = someKey();
        repository.putContent(key, GitAnnexKeys.content(key));
        var locked = f.post(f.url("v3", "lockcontent", "&key=" + ServerFixture.key(key)), Option.none()).body();
        assertThat(locked).startsWith("{\"locked\":true,\"lockid\":\"");
        String lockId = locked.replaceAll(".*\"lockid\":\"([^\"]*)\".*", "$1");
        assertThat(f.post(f.url("v3", "remove", "&key=" + ServerFixture.key(key)), Option.none()).body())
                .isEqualTo("{\"removed\":false,\"plusuuids\":[]}");
        String lines = "{\"unlock\":false}\n{\"unlock\":true}\n";
        var unlocked = f.http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                f.url("v3", "keeplocked", "&lockid=" + lockId))).POST(BodyPublishers.ofString(lines)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(unlocked.body()).isEqualTo("{\"locked\":false}");
        assertThat(f.post(f.url("v3", "remove", "&key=" + ServerFixture.key(key)), Option.none()).body())
                .isEqualTo("{\"removed\":true,\"plusuuids\":[]}");
        assertThat(repository.content(key).isEmpty()).isTrue();
    }

    @Test
    void badJsonInKeepLockedIsABadRequestAndUnlocks() throws Exception {
        Key key = someKey();
        repository.putContent(key, GitAnnexKeys.content(key));
        String locked = f.post(f.url("v2", "lockcontent", "&key=" + ServerFixture.key(key)), Option.none()).body();
        String lockId = locked.replaceAll(".*\"lockid\":\"([^\"]*)\".*", "$1");
        var r = f.http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(f.url("v2", "keeplocked", "&lockid=" + lockId)))
                .POST(BodyPublishers.ofString("{\"unlock\":fals\n")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(f.post(f.url("v2", "remove", "&key=" + ServerFixture.key(key)), Option.none()).body()).startsWith("{\"removed\":true");
    }

    @Test
    void removeBeforeATimestampAlreadyPastRemovesNothing() throws Exception {
        Key key = someKey();
        repository.putContent(key, GitAnnexKeys.content(key));
        String ts = f.post(f.url("v3", "gettimestamp", ""), Option.none()).body();
        assertThat(ts).matches("\\{\"timestamp\":[0-9]+\\}");
        assertThat(f.post(f.url("v3", "remove-before", "&timestamp=0&key=" + ServerFixture.key(key)), Option.none()).body())
                .startsWith("{\"removed\":false");
        assertThat(repository.content(key).isDefined()).isTrue();
        long later = Long.parseLong(ts.replaceAll("[^0-9]", "")) + 3600;
        assertThat(f.post(f.url("v4", "remove-before", "&timestamp=" + later + "&key=" + ServerFixture.key(key)), Option.none()).body())
                .startsWith("{\"removed\":true");
    }

    @Test
    void anUnsupportedVersionOrAnotherRepositoryIsNotFound() throws Exception {
        Key key = someKey();
        assertThat(f.post(f.url("v5", "checkpresent", "&key=" + ServerFixture.key(key)), Option.none()).statusCode()).isEqualTo(404);
        String other = f.url("v3", "checkpresent", "&key=" + ServerFixture.key(key)).replace(repository.uuid().value(), Uuid.random().value());
        assertThat(f.post(other, Option.none()).statusCode()).isEqualTo(404);
        assertThat(f.post(f.url("v3", "checkpresent", "&key=" + "[not*base64]"), Option.none()).statusCode()).isEqualTo(400);
        assertThat(new String(f.get(f.base() + "/../../etc/passwd").body(), StandardCharsets.UTF_8)).isEqualTo("not found\n");
    }
}
