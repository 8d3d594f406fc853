package org.annexp2p.http.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vavr.control.Option;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.util.Arrays;
import java.util.Map;
import org.annexp2p.http.server.AuthPolicy;
import org.annexp2p.http.server.P2pHttpServer;
import org.annexp2p.http.server.ServedRepositories;
import org.annexp2p.http.server.Users;
import org.annexp2p.protocol.conversation.ServerMode;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.program.Destination;
import org.annexp2p.protocol.wire.AssociatedFile;
import org.annexp2p.protocol.wire.ProtocolVersion;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.repository.MemoryRepository;
import org.annexp2p.testkit.content.GitAnnexKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class P2pHttpClientTest {
    private static final Uuid CLIENT = Uuid.random();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final MemoryRepository repository = new MemoryRepository(Uuid.random());
    private final Key key = GitAnnexKeys.all().stream().filter(k -> k.backend().equals("SHA256") && k.size().get() > 100
            && k.size().get() < 1 << 20).findFirst().orElseThrow();
    private final byte[] content = GitAnnexKeys.content(key);
    private P2pHttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private P2pHttpClient clientOf(AuthPolicy policy, Option<Credentials> credentials) throws IOException {
        server = P2pHttpServer.start(new P2pHttpServer.Settings("127.0.0.1", 0, Option.none(), policy, 64, 16,
                P2pHttpServer.Settings.DEFAULT_IDLE), ServedRepositories.single(repository));
        AnnexUrl url = AnnexUrl.parse("annex+http://127.0.0.1:" + server.address().getPort() + "/git-annex/").get();
        return new P2pHttpClient(http, url, repository.uuid(), CLIENT, credentials);
    }

    private P2pHttpClient wideOpen() throws IOException {
        return clientOf(new AuthPolicy(Option.some(ServerMode.READ_WRITE), true, false, false, Users.none()), Option.none());
    }

    private boolean putAll(P2pHttpClient c, long offset) throws IOException {
        byte[] rest = Arrays.copyOfRange(content, (int) offset, content.length);
        return c.put(key, AssociatedFile.of("dir/file"), offset, rest.length, () -> new ByteArrayInputStream(rest));
    }

    @Test
    void putsChecksGetsAndRemovesAtTheHighestVersion() throws IOException {
        P2pHttpClient c = wideOpen();
        assertThat(c.checkPresent(key)).isFalse();
        assertThat(c.putOffset(key)).contains(0L);
        assertThat(putAll(c, 0)).isTrue();
        assertThat(repository.content(key).get()).isEqualTo(content);
        assertThat(c.checkPresent(key)).isTrue();
        assertThat(c.putOffset(key)).isEmpty();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        assertThat(c.get(key, AssociatedFile.NONE, 0, got)).isEqualTo(content.length);
        assertThat(got.toByteArray()).isEqualTo(content);
        assertThat(c.lock(key).isDefined()).isTrue();
        assertThat(c.version()).isEqualTo(ProtocolVersion.MAX);
    }

    @Test
    void removeTakesTheContentAway() throws IOException {
        P2pHttpClient c = wideOpen();
        repository.putContent(key, content);
        assertThat(c.remove(key)).isTrue();
        assertThat(repository.content(key)).isEmpty();
        assertThat(c.checkPresent(key)).isFalse();
        assertThatThrownBy(() -> c.get(key, AssociatedFile.NONE, 0, new ByteArrayOutputStream()))
                .hasMessage("the server does not have the content");
    }

    @Test
    void aGetResumesAtItsOffset() throws IOException {
        P2pHttpClient c = wideOpen();
        repository.putContent(key, content);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        c.get(key, AssociatedFile.NONE, 7, got);
        assertThat(got.toByteArray()).isEqualTo(Arrays.copyOfRange(content, 7, content.length));
    }

    @Test
    void aPutResumesWhereTheServerSaysItsPartialCopyEnds() throws IOException {
        P2pHttpClient c = wideOpen();
        repository.putPartial(new Destination.ObjectStore(key), Arrays.copyOf(content, content.length / 2));
        long offset = c.putOffset(key).get();
        assertThat(offset).isEqualTo(content.length / 2);
        assertThat(putAll(c, offset)).isTrue();
        assertThat(repository.content(key).get()).isEqualTo(content);
    }

    @Test
    void credentialsComeFromTheEnvironmentAndTheirLackIsOneClearLine() throws IOException {
        Users users = Users.fromEnvironment(Map.of("GIT_ANNEX_P2PHTTP_PASSWORD_alice", "s3cret"));
        AuthPolicy policy = new AuthPolicy(Option.none(), false, false, true, users);
        Option<Credentials> alice = Credentials.from(Map.of(Credentials.USER, "alice", Credentials.PASSWORD, "s3cret"));
        P2pHttpClient c = clientOf(policy, alice);
        assertThat(c.checkPresent(key)).isFalse();
        AnnexUrl url = AnnexUrl.parse("annex+http://127.0.0.1:" + server.address().getPort() + "/git-annex/").get();
        P2pHttpClient anonymous = new P2pHttpClient(http, url, repository.uuid(), CLIENT, Option.none());
        assertThatThrownBy(() -> anonymous.checkPresent(key))
                .hasMessage("the server wants credentials (set ANNEX_P2P_HTTP_USER and ANNEX_P2P_HTTP_PASSWORD)");
        assertThat(alice.get().toString()).doesNotContain("s3cret");
    }

    @Test
    void itStepsDownAVersionOn404AndKeepsTheOneThatAnswered() throws IOException {
        try (StubServer stub = new StubServer(line -> line.contains("/v4/") || line.contains("/v3/")
                ? StubServer.response("404 Not Found", "Content-Length: 0\r\n", new byte[0])
                : StubServer.json("{\"present\":true}"))) {
            P2pHttpClient c = stubClient(stub);
            assertThat(c.checkPresent(key)).isTrue();
            assertThat(c.checkPresent(key)).isTrue();
            assertThat(stub.requests).extracting(l -> l.replaceAll(".*/(v[0-9])/.*", "$1"))
                    .containsExactly("v4", "v3", "v2", "v2");
            assertThat(c.version()).isEqualTo(ProtocolVersion.V2);
        }
    }

    @Test
    void aBodyShorterThanAnnouncedIsRefused() throws IOException {
        try (StubServer stub = new StubServer(line -> line.startsWith("POST")
                ? StubServer.json("{\"present\":true}")
                : StubServer.response("200 OK", "X-git-annex-data-length: 10\r\n", new byte[9]))) {
            P2pHttpClient c = stubClient(stub);
            assertThatThrownBy(() -> c.get(key, AssociatedFile.NONE, 0, new ByteArrayOutputStream()))
                    .hasMessage("the server sent 9 bytes where it announced 10: the content is not valid");
        }
    }

    @Test
    void aBodyLongerThanAnnouncedIsRefusedWithoutReadingOn() throws IOException {
        try (StubServer stub = new StubServer(line -> line.startsWith("POST")
                ? StubServer.json("{\"present\":true}")
                : StubServer.response("200 OK", "X-git-annex-data-length: 10\r\n", new byte[100_000]))) {
            P2pHttpClient c = stubClient(stub);
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            assertThatThrownBy(() -> c.get(key, AssociatedFile.NONE, 0, got))
                    .hasMessage("the server sent more than the 10 bytes it announced: the content is not valid");
            assertThat(got.size()).isEqualTo(10);
        }
    }

    private P2pHttpClient stubClient(StubServer stub) {
        AnnexUrl url = AnnexUrl.parse("annex+http://127.0.0.1:" + stub.port() + "/git-annex/").get();
        return new P2pHttpClient(http, url, repository.uuid(), CLIENT, Option.none());
    }

    @Test
    void anAddressDefaultsToPort9417AndMayNotCarryCredentials() {
        assertThat(AnnexUrl.parse("annex+https://example.org/git-annex/").get().base().toString())
                .isEqualTo("https://example.org:9417/git-annex/");
        assertThat(AnnexUrl.parse("annex+http://u:p@example.org/git-annex/").isLeft()).isTrue();
        assertThat(AnnexUrl.parse("http://example.org/").isLeft()).isTrue();
    }
}
