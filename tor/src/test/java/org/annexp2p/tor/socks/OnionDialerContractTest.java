package org.annexp2p.tor.socks;

import org.annexp2p.tor.onion.OnionAddress;
import org.annexp2p.tor.testing.SocksStandIn;
import org.annexp2p.transports.Listener;
import org.annexp2p.transports.contract.TransportContract;
import org.annexp2p.transports.tcp.TcpTransport;

/**
 * The whole transport contract for {@link OnionDialer}'s connections, with a SOCKS stand-in in place of tor:
 * fast, and (unlike tor) with half-close, so it checks what our side of an onion stream does with every byte,
 * e.g. that a half-close after a burst of writes never drops the writes still queued.
 */
class OnionDialerContractTest extends TransportContract {

    private static final String ONION = OnionDialerTest.ONION;
    /** A well-formed onion the stand-in has no route for, so it answers as tor does for an unknown onion. */
    private static final String UNROUTED = OnionAddress.fromPublicKey(filled(32, (byte) 7)).hostname();

    @Override
    protected Fixture openFixture() throws Exception {
        TcpTransport transport = new TcpTransport();
        Listener listener = transport.listen("127.0.0.1:0");
        int port = Integer.parseInt(listener.address().substring(listener.address().lastIndexOf(':') + 1));
        SocksStandIn socks = new SocksStandIn(0).route(ONION, port);
        OnionDialer dialer = new OnionDialer(socks.socketAddress());
        return Fixture.of(listener, dialer, ONION + ":80", UNROUTED + ":80", () -> {
            socks.close();
            listener.close();
            transport.close();
        });
    }

    private static byte[] filled(int n, byte b) {
        byte[] bytes = new byte[n];
        java.util.Arrays.fill(bytes, b);
        return bytes;
    }
}
