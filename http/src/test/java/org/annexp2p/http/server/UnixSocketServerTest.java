package org.annexp2p.http.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vavr.control.Option;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpClient;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.annexp2p.http.client.AnnexUrl;
import org.annexp2p.http.client.P2pHttpClient;
import org.annexp2p.protocol.conversation.ServerMode;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.wire.AssociatedFile;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.repository.MemoryRepository;
import org.annexp2p.testkit.content.GitAnnexKeys;
import org.annexp2p.testkit.process.Command;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code p2phttp --socket}: served through a unix socket only its owner may connect to, reached by curl
 * ({@code --unix-socket}) and by our client through a relay (a reverse proxy's part); a stale socket is replaced, a
 * live one or anything else at the path is not, and the socket goes when the server stops.
 */
class UnixSocketServerTest {
    private static final AuthPolicy WIDE_OPEN = new AuthPolicy(Option.some(ServerMode.READ_WRITE), true, false, false, Users.none());

    @TempDir
    Path dir;
    private final MemoryRepository repository = new MemoryRepository(Uuid.random());
    private final List<AutoCloseable> open = new ArrayList<>();
    private final List<Key> keys = GitAnnexKeys.all().stream().filter(k -> k.backend().equals("SHA256")
            && k.size().get() > 100 && k.size().get() < 1 << 20).limit(2).toList();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private P2pHttpServer serve(Path socket, AuthPolicy policy) throws IOException {
        P2pHttpServer server = P2pHttpServer.start(new P2pHttpServer.Settings("127.0.0.1", 0, Option.none(), policy, 64, 16,
                P2pHttpServer.Settings.DEFAULT_IDLE, Option.some(socket)), ServedRepositories.single(repository));
        open.add(server);
        return server;
    }

    /** curl through the socket: the status code, then the body. */
    private static String curl(Path socket, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "--max-time", "30", "--unix-socket", socket.toString(),
                "-w", "\n%{http_code}", "-o", "-"));
        command.addAll(List.of(args));
        String out = Command.of(command).run().out();
        int split = out.lastIndexOf('\n');
        return out.substring(split + 1) + " " + out.substring(0, Math.max(split, 0));
    }

    private String checkPresent(Path socket, Key key, String... auth) throws Exception {
        List<String> args = new ArrayList<>(List.of(auth));
        args.addAll(List.of("-X", "POST", "http://localhost/git-annex/" + repository.uuid().value() + "/v4/checkpresent?clientuuid="
                + ServerFixture.CLIENT + "&key=" + ServerFixture.key(key)));
        return curl(socket, args.toArray(String[]::new));
    }

    @Test
    void curlAndOurClientAreServedThroughTheSocket() throws Exception {
        Path socket = dir.resolve("p2phttp.sock");
        P2pHttpServer server = serve(socket, WIDE_OPEN);
        assertThat(server.listening()).isEqualTo(UnixDomainSocketAddress.of(socket));
        Key first = keys.get(0);
        byte[] content = GitAnnexKeys.content(first);
        repository.putContent(first, content);
        assertThat(curl(socket, "http://localhost/git-annex/" + repository.uuid().value() + "/key/" + ServerFixture.key(first)))
                .isEqualTo("200 " + new String(content, StandardCharsets.UTF_8));
        assertThat(checkPresent(socket, first)).isEqualTo("200 {\"present\":true}");

        SocketRelay relay = new SocketRelay(socket);
        open.add(relay);
        P2pHttpClient ours = new P2pHttpClient(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(),
                AnnexUrl.parse("annex+http://127.0.0.1:" + relay.port() + "/git-annex/").get(), repository.uuid(), Uuid.random(),
                Option.none());
        Key second = keys.get(1);
        byte[] more = GitAnnexKeys.content(second);
        assertThat(ours.put(second, AssociatedFile.of("f"), 0, more.length, () -> new ByteArrayInputStream(more))).isTrue();
        assertThat(repository.content(second).get()).isEqualTo(more);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        assertThat(ours.get(first, AssociatedFile.NONE, 0, got)).isEqualTo(content.length);
        assertThat(got.toByteArray()).isEqualTo(content);
        assertThat(ours.remove(first)).isTrue();
        assertThat(checkPresent(socket, first)).isEqualTo("200 {\"present\":false}");
    }

    @Test
    void onlyItsOwnerMayConnectAndItIsRemovedWhenTheServerStops() throws Exception {
        Path socket = dir.resolve("s");
        P2pHttpServer server = serve(socket, WIDE_OPEN);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket, LinkOption.NOFOLLOW_LINKS))).isEqualTo("rw-------");
        try (var listed = Files.list(dir)) {
            assertThat(listed).containsExactly(socket);
        }
        server.close();
        assertThat(Files.exists(socket, LinkOption.NOFOLLOW_LINKS)).isFalse();
        try (var listed = Files.list(dir)) {
            assertThat(listed).isEmpty();
        }
    }

    @Test
    void aStaleSocketIsReplacedALiveOneIsNot() throws Exception {
        Path socket = dir.resolve("s");
        try (ServerSocketChannel killed = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            killed.bind(UnixDomainSocketAddress.of(socket));
        }
        assertThat(socket).exists();
        serve(socket, WIDE_OPEN);
        assertThat(checkPresent(socket, keys.get(0))).isEqualTo("200 {\"present\":false}");
        assertThatThrownBy(() -> serve(socket, WIDE_OPEN)).isInstanceOf(IOException.class)
                .hasMessage("cannot listen on unix socket " + socket + ": a server is listening there");
        assertThat(checkPresent(socket, keys.get(0))).isEqualTo("200 {\"present\":false}");
    }

    @Test
    void aFileOrASymbolicLinkAtThePathIsLeftAlone() throws Exception {
        Path file = dir.resolve("notes");
        Files.writeString(file, "mine");
        Path link = dir.resolve("link");
        Files.createSymbolicLink(link, file);
        for (Path taken : List.of(file, link)) {
            assertThatThrownBy(() -> serve(taken, WIDE_OPEN)).isInstanceOf(IOException.class)
                    .hasMessage("cannot listen on unix socket " + taken + ": something that is not a socket is there");
        }
        assertThat(Files.readString(file)).isEqualTo("mine");
        assertThat(Files.readSymbolicLink(link)).isEqualTo(file);
        try (var listed = Files.list(dir)) {
            assertThat(listed).containsExactlyInAnyOrder(file, link);
        }
    }

    @Test
    void aSocketReplacedWhileServingIsNotRemovedOnStop() throws Exception {
        Path socket = dir.resolve("s");
        P2pHttpServer server = serve(socket, WIDE_OPEN);
        Files.delete(socket);
        Files.writeString(socket, "someone else's");
        server.close();
        assertThat(Files.readString(socket)).isEqualTo("someone else's");
    }

    @Test
    void aPathTooLongIsRefusedInOneLine() throws Exception {
        Path socket = dir.resolve("x".repeat(SocketFile.MAX_BYTES));
        assertThatThrownBy(() -> serve(socket, WIDE_OPEN)).isInstanceOf(IOException.class).hasMessageNotContaining("\n")
                .hasMessageStartingWith("cannot listen on unix socket " + socket + ": the path is too long for a unix socket (");
        // A path that would fit, in a directory too deep for the private one the socket is first bound in.
        Path deep = dir.resolve("z".repeat(99 - dir.toString().length())).resolve("s");
        Files.createDirectory(deep.getParent());
        assertThatThrownBy(() -> serve(deep, WIDE_OPEN)).hasMessageEndingWith("(102 bytes, at most 91 here)");
        try (var listed = Files.list(deep.getParent())) {
            assertThat(listed).isEmpty();
        }
        Files.delete(deep.getParent());
        try (var listed = Files.list(dir)) {
            assertThat(listed).isEmpty();
        }
    }

    @Test
    void authEnvChecksNoPasswordOverAPlainSocketAsOverPlainHttp() throws Exception {
        Users users = Users.fromEnvironment(Map.of("GIT_ANNEX_P2PHTTP_PASSWORD_ann", "pw"));
        Path https = dir.resolve("authenv");
        serve(https, new AuthPolicy(Option.none(), false, true, false, users));
        assertThat(checkPresent(https, keys.get(0), "-u", "ann:pw")).startsWith("401 ");
        Path http = dir.resolve("authenv-http");
        serve(http, new AuthPolicy(Option.none(), false, false, true, users));
        assertThat(checkPresent(http, keys.get(0), "-u", "ann:pw")).isEqualTo("200 {\"present\":false}");
    }
}
