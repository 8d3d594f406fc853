package org.annexp2p.session;

import org.annexp2p.session.plugin.onion.OnionPlugin;
import org.annexp2p.tor.testing.SocksStandIn;
import org.annexp2p.transports.ConnectionServer;
import org.annexp2p.transports.ServerOptions;
import org.annexp2p.transports.tcp.TcpTransport;

/**
 * The conversation over tor-annex::ONION:PORT, through the plugin's SOCKS dial and retry, with a SOCKS stand-in
 * in place of tor that leads the onion to a loopback server (as tor leads it to serve's loopback listener).
 */
class OnionConversationTest extends PeerConversationSuite {
    static final String ONION = "lwkwvuvzt4g2gwkcom6wccjbqxzx427f66gog54tftaw2dp5oqmt6jqd.onion";

    @Override
    protected Fixture serve() throws Exception {
        TcpTransport tcp = new TcpTransport();
        ConnectionServer server = ConnectionServer.start(tcp.listen("127.0.0.1:0"), TcpConversationTest.served(),
                ServerOptions.of(8, "ERROR busy\n"));
        int port = Integer.parseInt(server.address().substring(server.address().lastIndexOf(':') + 1));
        SocksStandIn socks = new SocksStandIn(0).route(ONION, port);
        OnionPlugin plugin = new OnionPlugin(socks.address());
        return Fixture.of(plugin, OnionPlugin.SCHEME + ONION + ":4242", true, () -> {
            socks.close();
            server.close();
            tcp.close();
        });
    }
}
