package org.annexp2p.transports.tcp;

import java.net.ServerSocket;
import org.annexp2p.transports.Listener;
import org.annexp2p.transports.contract.TransportContract;

/** The TCP transport under pinned TLS passes what every transport must; it only lacks sendfile. */
class TlsTransportContractTest extends TransportContract {

    @Override
    protected Fixture openFixture() throws Exception {
        TcpTransport tcp = new TcpTransport();
        TlsTransport tls = new TlsTransport(tcp);
        TlsServerKey key = SelfSignedKeys.generate();
        Listener listener = tls.listen("127.0.0.1:0", key);
        String unreachable;
        // A port that was just free: nothing listens there once the probe socket is closed.
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            unreachable = "tls://127.0.0.1:" + probe.getLocalPort() + "/" + key.pin();
        }
        return Fixture.of(listener, tls.dialer(), listener.address(), unreachable, () -> {
            listener.close();
            tcp.close();
        });
    }

    @Override
    protected boolean offersFileSender() {
        return false;
    }
}
