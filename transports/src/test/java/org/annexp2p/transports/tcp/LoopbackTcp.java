package org.annexp2p.transports.tcp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.annexp2p.transports.Listener;
import org.annexp2p.transports.contract.TransportContract.Fixture;

/** The plain TCP transport on loopback, as the tcp package's tests set it up. */
final class LoopbackTcp {

    private LoopbackTcp() {
    }

    /** A port that was just free: nothing listens there once the probe socket is closed. */
    static int freedPort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    /** A listener on an ephemeral loopback port and a dialer, both closed with the fixture. */
    static Fixture fixture() throws IOException {
        TcpTransport transport = new TcpTransport();
        Listener listener = transport.listen("127.0.0.1:0");
        return Fixture.of(listener, transport.dialer(), listener.address(), "127.0.0.1:" + freedPort(), () -> {
            listener.close();
            transport.close();
        });
    }
}
