package org.annexp2p.session.lan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
import org.annexp2p.session.PeerSession;
import org.annexp2p.session.plugin.BadUsageException;
import org.annexp2p.session.plugin.Dialing;
import org.annexp2p.session.plugin.Listening;
import org.annexp2p.session.plugin.MalformedAddressException;
import org.annexp2p.session.plugin.TransportPlugins;
import org.annexp2p.testkit.repository.TemporaryRepository;
import org.annexp2p.transports.ConnectionServer;
import org.annexp2p.transports.ServerOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class LanPluginTest {

    private static final AuthToken TOKEN = AuthToken.parse("pairedT0ken").get();

    @Test
    void readsLiteralAddressesOnly() {
        LanPlugin plugin = new LanPlugin(1);
        assertThat(plugin.parse("lan://127.0.0.1:4243")).isEqualTo("127.0.0.1:4243");
        assertThat(plugin.parse("lan://[::1]:4243")).isEqualTo("[::1]:4243");
        assertThatThrownBy(() -> plugin.parse("lan://peer.example:4243")).isInstanceOf(MalformedAddressException.class)
                .hasMessageStartingWith("lan:// addresses are lan://IP:PORT with a literal IP");
        assertThatThrownBy(() -> LanPlugin.listenAddress("0.0.0.0")).isInstanceOf(MalformedAddressException.class)
                .hasMessageStartingWith("--lan-listen wants a literal IP and port");
    }

    @Test
    void needsARepositoryOnDisk() {
        assertThatThrownBy(() -> new LanPlugin(1).dial("127.0.0.1:1", Dialing.quietly(new MemoryRepository(Uuid.random()))))
                .isInstanceOf(BadUsageException.class).hasMessageContaining("needs --repo");
    }

    /** A session over lan:// reaches the paired repository, and only a paired key gets through its listener. */
    @Test
    void aPairedPeerIsServedThroughThePlugin(@TempDir Path dir) throws Exception {
        AnnexRepository served = repository(dir.resolve("served"));
        AnnexRepository client = repository(dir.resolve("client"));
        TlsIdentity servedKey = TlsIdentity.generate("served");
        TlsIdentity clientKey = TlsIdentity.generate("client");
        LanIdentity.file(served.creds()).write(servedKey.toPem());
        LanIdentity.file(client.creds()).write(clientKey.toPem());
        LanPeers.store(served.creds(), new LanPeer(client.uuid().value(), clientKey.fingerprint(), TOKEN, List.of()));
        int discoveryPort = freeUdpPort();
        LanPlugin plugin = new LanPlugin(discoveryPort);
        List<String> notices = new ArrayList<>();
        Serving serving = new Serving(served, ServerMode.READ_WRITE, () -> List.of(TOKEN), new GitRelays(served.top(), null, null),
                Transcript.NONE);
        try (LanPlugin.LanListener listener = plugin.listen(plugin.parse("lan://127.0.0.1:0"), new Listening(served, notices::add));
                ConnectionServer server = ConnectionServer.start(listener, serving, ServerOptions.of(4, "ERROR busy\n"))) {
            assertThat(listener.described()).startsWith("lan://127.0.0.1:").contains(servedKey.fingerprint().hex());
            assertThat(listener.whereIsPeers()).isEqualTo(1);
            InetSocketAddress at = LanAddress.parse(listener.address());
            LanPeers.store(client.creds(), new LanPeer(served.uuid().value(), servedKey.fingerprint(), TOKEN, List.of(at)));
            TransportPlugins plugins = TransportPlugins.of(List.of(plugin));
            try (PeerSession session = PeerSession.open(plugins, "lan://" + listener.address(), Dialing.quietly(client),
                    PeerSession.Options.DEFAULT)) {
                assertThat(session.peer()).isEqualTo(served.uuid());
            }
            // A key that was never paired is refused by the TLS listener, before any AUTH.
            TlsIdentity stranger = TlsIdentity.generate("stranger");
            LanIdentity.file(client.creds()).write(stranger.toPem());
            assertThatThrownBy(() -> PeerSession.open(plugins, "lan://" + listener.address(), Dialing.quietly(client),
                    PeerSession.Options.DEFAULT).close()).isInstanceOf(IOException.class);
        }
    }

    private static AnnexRepository repository(Path dir) throws Exception {
        TemporaryRepository.annex(dir, "lan plugin test");
        return AnnexRepository.open(dir);
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
