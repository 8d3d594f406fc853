package org.annexp2p.transports.tcp;

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
        String unreachable = "tls://127.0.0.1:" + LoopbackTcp.freedPort() + "/" + key.pin();
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
