package org.annexp2p.transports.tcp;

import java.net.ServerSocket;
import org.annexp2p.transports.Listener;
import org.annexp2p.transports.contract.ParkedServerContract;
import org.annexp2p.transports.contract.TransportContract.Fixture;

class TcpConnectionServerContractTest extends ParkedServerContract {

    @Override
    protected Fixture openFixture() throws Exception {
        TcpTransport transport = new TcpTransport();
        Listener listener = transport.listen("127.0.0.1:0");
        String unreachable;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            unreachable = "127.0.0.1:" + probe.getLocalPort();
        }
        return Fixture.of(listener, transport.dialer(), listener.address(), unreachable, () -> {
            listener.close();
            transport.close();
        });
    }
}
