package org.annexp2p.session.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.annexp2p.interpreters.Serving;
import org.annexp2p.interpreters.net.GitRelays;
import org.annexp2p.interpreters.net.Transcript;
import org.annexp2p.pairing.lan.LanAddress;
import org.annexp2p.pairing.lan.LanIdentity;
import org.annexp2p.pairing.lan.LanPeer;
import org.annexp2p.pairing.lan.LanPeers;
import org.annexp2p.pairing.tls.TlsIdentity;
import org.annexp2p.protocol.conversation.ServerMode;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.repository.MemoryRepository;
import org.annexp2p.session.PeerFailure;
import org.annexp2p.session.PeerSession;
import org.annexp2p.session.plugin.Dialed;
import org.annexp2p.session.plugin.Greeting;
import org.annexp2p.testkit.repository.TemporaryRepository;
import org.annexp2p.tor.local.UnixSocketListener;
import org.annexp2p.transports.Connection;
import org.annexp2p.transports.ConnectionServer;
import org.annexp2p.transports.PreAuthLimits;
import org.annexp2p.transports.ServerOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * git-annex-p2p-lan's two ends on loopback: a client's standard streams relayed over TLS pinned to the paired
 * peer's key, and the peer's listener relaying to the server's unix socket, where AUTH is the network's token.
 */
@Timeout(120)
class LanRelayTest {
    private static final AuthToken PAIRING = AuthToken.parse("pairedT0ken").get();
    private static final AuthToken NETWORK = AuthToken.parse("networkT0ken").get();

    @TempDir
    Path tmp;

    @Test
    void aPairedClientReachesTheServersSocketAndAnUnpairedOneDoesNot() throws Exception {
        Paired p = Paired.make(tmp);
        AnnexRepository served = p.served();
        AnnexRepository client = p.client();
        TlsIdentity servedKey = p.servedKey();
        LanRelay.Settings settings = p.settings();
        List<String> ours = LanRelay.addresses(settings);
        assertThat(ours).containsExactly(p.address());
        Path socket = tmp.resolve("p2p").resolve("socket");
        List<String> notices = new CopyOnWriteArrayList<>();
        try (ConnectionServer server = p.serveSocket(socket);
                ConnectionServer lan = LanRelay.listen(served, ours.get(0), socket, settings, notices::add)) {
            try (PeerSession session = throughRelay(client, ours.get(0), settings, NETWORK)) {
                assertThat(session.peer()).isEqualTo(served.uuid());
            }
            assertThatThrownBy(() -> throughRelay(client, ours.get(0), settings, PAIRING).close())
                    .as("AUTH inside is the network's token, not the pairing's").isInstanceOf(PeerFailure.class);

            AnnexRepository stranger = repository(tmp.resolve("stranger"));
            LanIdentity.file(stranger.creds()).write(TlsIdentity.generate("stranger").toPem());
            LanPeers.store(stranger.creds(), new LanPeer(served.uuid().value(), servedKey.fingerprint(), PAIRING,
                    List.of(LanAddress.parse(ours.get(0)))));
            assertThatThrownBy(() -> throughRelay(stranger, ours.get(0), settings, NETWORK).close())
                    .as("a key the server never paired with is refused by TLS").hasMessage("the relay failed");
        }
        AnnexRepository unpaired = repository(tmp.resolve("unpaired"));
        assertThatThrownBy(() -> LanRelay.connect(unpaired, ours.get(0), settings, InputStream.nullInputStream(),
                OutputStream.nullOutputStream(), s -> { })).isInstanceOf(IOException.class)
                .hasMessageContaining("not paired with any LAN peer");
    }

    /** A session over the connect side's standard streams, as git-annex's would be over the helper's. */
    private static PeerSession throughRelay(AnnexRepository client, String address, LanRelay.Settings settings,
            AuthToken token) throws IOException {
        PipedOutputStream toRelay = new PipedOutputStream();
        PipedInputStream relayIn = new PipedInputStream(toRelay, 65536);
        PipedOutputStream relayOut = new PipedOutputStream();
        PipedInputStream fromRelay = new PipedInputStream(relayOut, 65536);
        CompletableFuture<Void> relay = CompletableFuture.runAsync(() -> {
            try {
                LanRelay.connect(client, address, settings, relayIn, relayOut, s -> { });
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } finally {
                try {
                    relayOut.close();
                } catch (IOException ignored) {
                    // closed already
                }
            }
        });
        Connection pipes = new Connection() {
            @Override
            public InputStream input() {
                return fromRelay;
            }

            @Override
            public OutputStream output() {
                return toRelay;
            }

            @Override
            public void shutdownOutput() throws IOException {
                toRelay.close();
            }

            @Override
            public String description() {
                return "git-annex-p2p-lan " + address;
            }

            @Override
            public void close() {
                try {
                    toRelay.close();
                    fromRelay.close();
                } catch (IOException ignored) {
                    // closing is best effort
                }
            }
        };
        try {
            return PeerSession.open(new Dialed(pipes, new Greeting.Token(token), Optional.empty(), true),
                    new MemoryRepository(Uuid.random()), PeerSession.Options.DEFAULT);
        } catch (IOException e) {
            pipes.close();
            relay.handle((v, t) -> null).join();
            if (relay.isCompletedExceptionally() && e instanceof PeerFailure f && f.kind() == PeerFailure.Kind.CLOSED) {
                throw new IOException("the relay failed", e);
            }
            throw e;
        }
    }

    /** A served repository and a client LAN-paired with it, the relay's settings on loopback, its address. */
    private record Paired(AnnexRepository served, AnnexRepository client, TlsIdentity servedKey, LanRelay.Settings settings,
            String address) {
        static Paired make(Path tmp) throws Exception {
            AnnexRepository served = repository(tmp.resolve("served"));
            AnnexRepository client = repository(tmp.resolve("client"));
            TlsIdentity servedKey = TlsIdentity.generate("served");
            TlsIdentity clientKey = TlsIdentity.generate("client");
            LanIdentity.file(served.creds()).write(servedKey.toPem());
            LanIdentity.file(client.creds()).write(clientKey.toPem());
            LanPeers.store(served.creds(), new LanPeer(client.uuid().value(), clientKey.fingerprint(), PAIRING, List.of()));
            int port = freeTcpPort();
            LanRelay.Settings settings = LanRelay.Settings.of(Map.of("ANNEX_P2P_LAN_LOOPBACK", "1",
                    "ANNEX_P2P_LAN_PORT", Integer.toString(port), "ANNEX_P2P_DISCOVERY_PORT", Integer.toString(freeUdpPort())));
            String address = "127.0.0.1:" + port;
            LanPeers.store(client.creds(), new LanPeer(served.uuid().value(), servedKey.fingerprint(), PAIRING,
                    List.of(LanAddress.parse(address))));
            return new Paired(served, client, servedKey, settings, address);
        }

        /** The served repository's protocol server on the unix socket, accepting the network's token. */
        ConnectionServer serveSocket(Path socket) throws IOException {
            Serving serving = new Serving(served, ServerMode.READ_WRITE, () -> List.of(NETWORK),
                    new GitRelays(served.top(), null, null), Transcript.NONE);
            return ConnectionServer.start(UnixSocketListener.bind(socket), serving, ServerOptions.of(4, "ERROR busy\n"));
        }
    }

    @Test
    void connectionsThatNeverHandshakeAreClosedAndPairedPeersAreServedMeanwhile() throws Exception {
        Paired p = Paired.make(tmp);
        Path socket = tmp.resolve("p2p").resolve("socket");
        ServerOptions limits = ServerOptions.of(4, "").withPreAuth(PreAuthLimits.of(4).withDeadline(Duration.ofSeconds(1)));
        List<Socket> silent = new ArrayList<>();
        try (ConnectionServer server = p.serveSocket(socket);
                ConnectionServer lan = LanRelay.listen(p.served(), p.address(), socket, p.settings(), s -> { }, limits)) {
            for (int i = 0; i < 3; i++) {
                Socket s = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(p.address().split(":")[1]));
                s.setSoTimeout(30_000);
                silent.add(s);
            }
            try (PeerSession session = throughRelay(p.client(), p.address(), p.settings(), NETWORK)) {
                assertThat(session.peer()).as("served while three connections sit silent").isEqualTo(p.served().uuid());
            }
            for (Socket s : silent) {
                // Closed at the deadline: at most a TLS alert, then the end (a connection left open would time out).
                assertThat(s.getInputStream().readAllBytes()).as("what a connection that never handshakes gets")
                        .hasSizeLessThan(64);
            }
        } finally {
            for (Socket s : silent) {
                s.close();
            }
        }
    }

    private static AnnexRepository repository(Path dir) throws Exception {
        TemporaryRepository.annex(dir, "lan relay test");
        return AnnexRepository.open(dir);
    }

    private static int freeTcpPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
