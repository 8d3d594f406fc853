package org.annexp2p.session.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vavr.control.Option;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.annexp2p.http.server.AuthPolicy;
import org.annexp2p.http.server.P2pHttpServer;
import org.annexp2p.http.server.ServedRepositories;
import org.annexp2p.http.server.Users;
import org.annexp2p.interpreters.net.Transcript;
import org.annexp2p.protocol.conversation.ServerMode;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.repository.MemoryRepository;
import org.annexp2p.session.plugin.TransportPlugins;
import org.annexp2p.session.plugin.http.AnnexHttpPlugin;
import org.annexp2p.testkit.process.Command;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code p2p --link annex+http://…}: the remote git-annex uses for a p2phttp server (url, annexurl, annex-uuid), made
 * only once the server answered for that repository; the address carries no token and no credentials are kept.
 */
class HttpLinkTest {
    @TempDir
    Path tmp;
    private final MemoryRepository served = new MemoryRepository(Uuid.random());
    private final P2pHttpServer readable = start(Option.some(ServerMode.READ_ONLY));
    private final P2pHttpServer closed = start(Option.none());
    private AnnexRepository ours;

    private P2pHttpServer start(Option<ServerMode> anonymous) {
        try {
            return P2pHttpServer.start(new P2pHttpServer.Settings("127.0.0.1", 0, Option.none(),
                    new AuthPolicy(anonymous, false, false, false, Users.none()), 8, 4, P2pHttpServer.Settings.DEFAULT_IDLE),
                    ServedRepositories.single(served));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @BeforeEach
    void create() throws IOException {
        ours = AnnexRepository.create(tmp.resolve("ours"));
    }

    @AfterEach
    void stop() {
        readable.close();
        closed.close();
    }

    private PeerLink.Linked link(String address, Optional<String> name) throws IOException {
        LinkAddress pasted = LinkAddress.parse(address);
        assertThat(pasted.token()).isEqualTo(AuthToken.EMPTY);
        return new PeerLink(ours, TransportPlugins.of(List.of(new AnnexHttpPlugin(Map.of()))), n -> { }, Transcript.NONE, false)
                .link(pasted.address(), pasted.token(), name);
    }

    private static String base(P2pHttpServer server) {
        return "annex+http://127.0.0.1:" + server.address().getPort() + "/git-annex/";
    }

    private String config(String key) throws IOException {
        return Command.of("git", "--git-dir=" + ours.gitDir(), "config", "--get-regexp", key).run().out();
    }

    @Test
    void theRemoteIsTheOneGitAnnexUsesForAP2pHttpServer() throws IOException {
        PeerLink.Linked linked = link(base(readable) + served.uuid().value(), Optional.of("h"));
        assertThat(linked).isEqualTo(new PeerLink.Linked(served.uuid(), "h"));
        String http = "http://127.0.0.1:" + readable.address().getPort() + "/git-annex/";
        assertThat(config("^remote\\.h\\.(url|annexurl|annex-uuid)$")).isEqualTo("remote.h.url " + http + "\n"
                + "remote.h.annex-uuid " + served.uuid().value() + "\nremote.h.annexurl " + base(readable) + "\n");
        Path creds = ours.gitDir().resolve("annex/creds");
        if (java.nio.file.Files.exists(creds)) {
            try (var kept = java.nio.file.Files.list(creds)) {
                assertThat(kept).isEmpty();
            }
        }
    }

    @Test
    void withoutItsUuidTheAddressIsLinkedOnlyAsAnExistingRemoteOfThatServerSays() throws IOException {
        assertThatThrownBy(() -> link(base(readable), Optional.empty())).hasMessageNotContaining("\n")
                .hasMessageContaining("does not say which repository it serves");
        assertThat(ours.remotes().names()).isEmpty();
        link(base(readable) + served.uuid().value(), Optional.empty());
        assertThat(link(base(readable), Optional.empty())).isEqualTo(new PeerLink.Linked(served.uuid(), "peer2"));
    }

    @Test
    void aServerThatDoesNotServeThatRepositoryToUsIsNotLinked() throws IOException {
        assertThatThrownBy(() -> link(base(readable) + Uuid.random().value(), Optional.empty()))
                .isInstanceOf(IOException.class).hasMessageNotContaining("\n").hasMessageStartingWith("Unable to reach the repository");
        assertThatThrownBy(() -> link(base(closed) + served.uuid().value(), Optional.empty()))
                .isInstanceOf(IOException.class).hasMessageNotContaining("\n");
        assertThat(ours.remotes().names()).isEmpty();
    }
}
