package org.annexp2p.session;

import org.annexp2p.interpreters.Serving;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.repository.MemoryRepository;
import org.annexp2p.session.plugin.tcp.SharedTcp;
import org.annexp2p.session.plugin.tcp.TcpPlugin;
import org.annexp2p.testkit.peers.ServedRepository;
import org.annexp2p.transports.ConnectionServer;
import org.annexp2p.transports.ServerOptions;

/** The conversation over plaintext tcp://, the server listening through the same plugin. */
class TcpConversationTest extends PeerConversationSuite {

    @Override
    protected Fixture serve() throws Exception {
        SharedTcp tcp = new SharedTcp();
        TcpPlugin plugin = new TcpPlugin(tcp);
        ConnectionServer server = ConnectionServer.start(plugin.listen("127.0.0.1:0", null), served(),
                ServerOptions.of(8, "ERROR busy\n"));
        return Fixture.of(plugin, "tcp://" + server.address(), true, () -> {
            server.close();
            tcp.close();
        });
    }

    /** The real server on a fresh empty repository, accepting the suite's token. */
    static Serving served() {
        return ServedRepository.serving(new MemoryRepository(Uuid.random()), TOKEN);
    }
}
