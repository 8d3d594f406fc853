package org.annexp2p.session;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.annexp2p.pairing.lan.LanAddress;
import org.annexp2p.pairing.lan.LanIdentity;
import org.annexp2p.pairing.lan.LanPeer;
import org.annexp2p.pairing.lan.LanPeers;
import org.annexp2p.pairing.tls.TlsIdentity;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.session.lan.LanPlugin;
import org.annexp2p.session.plugin.Listening;
import org.annexp2p.testkit.repository.TemporaryRepository;
import org.annexp2p.transports.ConnectionServer;
import org.annexp2p.transports.ServerOptions;

/**
 * The conversation over lan://IP:PORT: TLS pinned both ways to keys paired as {@code pair --lan} stores them, on
 * loopback. The plugin reads keys and pairings from repositories on disk, so the fixture keeps two (creds only); the
 * conversation itself runs between the suite's in-memory client and the in-memory server behind the LAN listener.
 */
class LanConversationTest extends PeerConversationSuite {

    @Override
    protected Fixture serve() throws Exception {
        Path dir = Files.createTempDirectory("session-lan");
        try {
            AnnexRepository listening = onDisk(dir.resolve("served"));
            AnnexRepository dialing = onDisk(dir.resolve("client"));
            TlsIdentity listeningKey = TlsIdentity.generate("served");
            TlsIdentity dialingKey = TlsIdentity.generate("client");
            LanIdentity.file(listening.creds()).write(listeningKey.toPem());
            LanIdentity.file(dialing.creds()).write(dialingKey.toPem());
            LanPeers.store(listening.creds(), new LanPeer(dialing.uuid().value(), dialingKey.fingerprint(), TOKEN, List.of()));
            LanPlugin plugin = new LanPlugin(freeUdpPort());
            LanPlugin.LanListener listener = plugin.listen(plugin.parse("lan://127.0.0.1:0"), new Listening(listening, line -> { }));
            ConnectionServer server = ConnectionServer.start(listener, TcpConversationTest.served(), ServerOptions.of(8, "ERROR busy\n"));
            LanPeers.store(dialing.creds(), new LanPeer(listening.uuid().value(), listeningKey.fingerprint(), TOKEN,
                    List.of(LanAddress.parse(listener.address()))));
            // The session speaks for the in-memory client; the pairing (key, token) is the on-disk one's.
            return Fixture.pairedAs(dialing, plugin, "lan://" + listener.address(), () -> {
                server.close();
                listener.close();
                TemporaryRepository.delete(dir);
            });
        } catch (Exception | Error e) {
            TemporaryRepository.delete(dir);
            throw e;
        }
    }

    private static AnnexRepository onDisk(Path dir) throws IOException {
        TemporaryRepository.withUuid(dir, Uuid.random().value());
        return AnnexRepository.open(dir);
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
