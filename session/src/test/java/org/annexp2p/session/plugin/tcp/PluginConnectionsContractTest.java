package org.annexp2p.session.plugin.tcp;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.repository.MemoryRepository;
import org.annexp2p.repository.creds.CredsDir;
import org.annexp2p.session.plugin.Dialing;
import org.annexp2p.session.plugin.GivenToken;
import org.annexp2p.session.plugin.HandshakeDeadline;
import org.annexp2p.session.plugin.TransportPlugin;
import org.annexp2p.transports.Dialer;
import org.annexp2p.transports.Listener;
import org.annexp2p.transports.contract.TransportContract;
import org.junit.jupiter.api.Nested;

/**
 * The connections the tcp:// and tls:// plugins make, dialed and accepted through the plugins themselves (the
 * listener a serve --listen gets, the dial a client command makes), pass what every transport must.
 */
class PluginConnectionsContractTest {

    /**
     * Dials through {@code plugin} as a client command would, bounded by the contract's timeout; the fixture's
     * addresses are written without {@code prefix}, as the transport's failures name them.
     */
    static <A> Dialer dialer(TransportPlugin<A> plugin, String prefix) {
        MemoryRepository client = new MemoryRepository(Uuid.random());
        GivenToken token = new GivenToken(Optional.of("contract"), Optional.empty());
        return (address, timeout) -> plugin.dial(plugin.parse(prefix + address), new Dialing(client, token,
                Optional.of(HandshakeDeadline.after(System.nanoTime(), timeout)), n -> { }, false)).connection();
    }

    static int freePort() throws Exception {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    @Nested
    class Plaintext extends TransportContract {
        @Override
        protected Fixture openFixture() throws Exception {
            SharedTcp tcp = new SharedTcp();
            TcpPlugin plugin = new TcpPlugin(tcp);
            Listener listener = plugin.listen("127.0.0.1:0", null);
            return Fixture.of(listener, dialer(plugin, TcpPlugin.SCHEME), listener.address(), "127.0.0.1:" + freePort(),
                    Duration.ofSeconds(10), () -> {
                        listener.close();
                        tcp.close();
                    });
        }
    }

    @Nested
    class PinnedTls extends TransportContract {
        @Override
        protected Fixture openFixture() throws Exception {
            Path creds = Files.createTempDirectory("plugin-contract").resolve("creds");
            SharedTcp tcp = new SharedTcp();
            TlsPlugin plugin = new TlsPlugin(tcp);
            Listener listener = plugin.listen("127.0.0.1:0", new CredsDir(creds));
            String pin = listener.address().substring(listener.address().lastIndexOf('/') + 1);
            return Fixture.of(listener, dialer(plugin, ""), listener.address(), "tls://127.0.0.1:" + freePort() + "/" + pin,
                    Duration.ofSeconds(10), () -> {
                        listener.close();
                        tcp.close();
                        Files.deleteIfExists(creds.resolve(TlsIdentityFile.IDENTITY_FILE));
                        Files.deleteIfExists(creds);
                        Files.deleteIfExists(creds.getParent());
                    });
        }

        @Override
        protected boolean offersFileSender() {
            return false;
        }
    }
}
