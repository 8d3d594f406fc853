package org.annexp2p.session.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.annexp2p.interpreters.net.Transcript;
import org.annexp2p.protocol.conversation.Client;
import org.annexp2p.protocol.conversation.ServerMode;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.repository.MemoryRepository;
import org.annexp2p.repository.creds.TokenGenerator;
import org.annexp2p.session.PeerFailure;
import org.annexp2p.session.PeerSession;
import org.annexp2p.session.StandardPlugins;
import org.annexp2p.session.plugin.Dialed;
import org.annexp2p.session.plugin.Greeting;
import org.annexp2p.session.plugin.tcp.ListenPlan;
import org.annexp2p.transports.ConnectionServer;
import org.annexp2p.transports.tcp.TcpTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A repository served through ServeSetup: only its tokens get in, it says where it serves, and closing frees the port. */
class ServeSetupTest {
    static final ServeLimits LIMITS = new ServeLimits(4, OptionalInt.empty(), 4, Duration.ofSeconds(30));

    @TempDir
    Path tmp;

    @Test
    void servesTheRepositorysTokenHoldersUntilClosed() throws Exception {
        AnnexRepository served = AnnexRepository.create(tmp.resolve("served"));
        AuthToken token = new TokenGenerator().generate(TokenGenerator.ADDRESS_TOKEN_LENGTH);
        AuthToken stranger = new TokenGenerator().generate(TokenGenerator.ADDRESS_TOKEN_LENGTH);
        ServeSetup setup = ServeSetup.of(served, ServerMode.APPEND_ONLY, LIMITS, Transcript.NONE);
        assertThat(setup.described()).isEqualTo(served.uuid() + " (append-only)");
        assertThat(setup.acceptsNoToken()).isTrue();
        served.creds().addAcceptedToken(token);
        assertThat(setup.acceptsNoToken()).isFalse();

        String address;
        List<String> notices = new ArrayList<>();
        try (setup; TcpTransport tcp = new TcpTransport()) {
            StandardPlugins plugins = setup.plugins(0);
            ConnectionServer server = setup.listen(plugins, ListenPlan.choose("127.0.0.1:0"), notices::add);
            address = server.address();
            assertThat(setup.places()).containsExactly("tcp://" + address);

            Key absent = Key.parse("SHA256E-s1--6b86b273ff34fce19d6b804eff5a3f5747ada4eaa22f1d49c01e52ddb7875b4b.txt").get();
            try (PeerSession session = open(tcp, address, token)) {
                assertThat(session.peer()).isEqualTo(served.uuid());
                assertThat(session.run(Client.checkPresent(absent))).isFalse();
            }
            assertThatThrownBy(() -> open(tcp, address, stranger).close()).isInstanceOf(PeerFailure.class)
                    .extracting(f -> ((PeerFailure) f).kind()).isEqualTo(PeerFailure.Kind.REFUSED);
        }
        try (TcpTransport tcp = new TcpTransport()) {
            assertThatThrownBy(() -> tcp.dial(address, Duration.ofSeconds(5)).close()).as("the port is free once closed")
                    .isInstanceOf(IOException.class);
        }
    }

    private static PeerSession open(TcpTransport tcp, String address, AuthToken token) throws IOException {
        Dialed dialed = new Dialed(tcp.dial(address, Duration.ofSeconds(10)), new Greeting.Token(token), Optional.empty(), true);
        return PeerSession.open(dialed, new MemoryRepository(Uuid.random()), PeerSession.Options.DEFAULT);
    }
}
