package org.annexp2p.session;

import java.nio.file.Files;
import java.nio.file.Path;
import org.annexp2p.repository.creds.CredsDir;
import org.annexp2p.session.plugin.tcp.SharedTcp;
import org.annexp2p.session.plugin.tcp.TlsPlugin;
import org.annexp2p.transports.ConnectionServer;
import org.annexp2p.transports.ServerOptions;

/** The conversation over tls://HOST:PORT/PIN, the server listening through the same plugin with a fresh key. */
class TlsConversationTest extends PeerConversationSuite {

    @Override
    protected Fixture serve() throws Exception {
        Path creds = Files.createTempDirectory("session-tls").resolve("creds");
        SharedTcp tcp = new SharedTcp();
        TlsPlugin plugin = new TlsPlugin(tcp);
        ConnectionServer server = ConnectionServer.start(plugin.listen("127.0.0.1:0", new CredsDir(creds)), TcpConversationTest.served(),
                ServerOptions.of(8, "ERROR busy\n"));
        return Fixture.of(plugin, server.address(), true, () -> {
            server.close();
            tcp.close();
            try (var files = Files.walk(creds.getParent())) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        });
    }
}
