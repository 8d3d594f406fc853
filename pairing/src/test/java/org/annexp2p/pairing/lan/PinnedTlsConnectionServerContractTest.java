package org.annexp2p.pairing.lan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.annexp2p.pairing.tls.PinnedTls;
import org.annexp2p.pairing.tls.PinnedTlsServer;
import org.annexp2p.pairing.tls.TlsConnection;
import org.annexp2p.pairing.tls.TlsIdentity;
import org.annexp2p.pairing.tls.TrustedKeys;
import org.annexp2p.transports.Connection;
import org.annexp2p.transports.ConnectionServer;
import org.annexp2p.transports.ServerOptions;
import org.annexp2p.transports.contract.ConnectionServerContract;
import org.annexp2p.transports.contract.TransportContract.Fixture;
import org.junit.jupiter.api.Test;

/**
 * The server contract over {@code serve --lan-listen}'s pinned TLS listener, plus what is its own: the TLS
 * handshake comes before AUTH, so a client that never finishes it must not hold up the listener either.
 */
class PinnedTlsConnectionServerContractTest extends ConnectionServerContract {

    private static final TlsIdentity SERVER = TlsIdentity.generate("server");
    private static final TlsIdentity PAIRED = TlsIdentity.generate("paired");

    @Override
    protected Fixture openFixture() throws Exception {
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        PinnedTlsServer tls = PinnedTls.listen(loopback, SERVER, TrustedKeys.of(PAIRED.fingerprint()));
        PinnedTlsListener listener = new PinnedTlsListener(tls, line -> { });
        return Fixture.of(listener, (address, timeout) -> new TlsConnection(
                PinnedTls.connect(LanAddress.parse(address), PAIRED, SERVER.fingerprint(), timeout)),
                listener.address(), "127.0.0.1:1", listener::close);
    }

    /** Flooders need not handshake: a TLS dial waits for the server, which may be refusing others meanwhile. */
    @Override
    protected AutoCloseable silentPeer() throws Exception {
        return new Socket(InetAddress.getLoopbackAddress(), LanAddress.parse(fixture.address()).getPort());
    }

    /**
     * A client that connects and then sends its TLS hello a byte at a time: the handshake used to run on the
     * accepting thread, with a one-second timeout per read, so while it trickled no paired client got in at all.
     */
    @Test
    void aClientTricklingItsHandshakeDoesNotHoldUpTheListener() throws Exception {
        ExecutorService trickling = Executors.newSingleThreadExecutor();
        try (ConnectionServer server = start(ServerOptions.of(4, REFUSAL));
                Socket trickler = new Socket(InetAddress.getLoopbackAddress(), LanAddress.parse(server.address()).getPort())) {
            // A TLS record header announcing a 16 KiB handshake record, then its bytes one by one.
            Future<?> trickle = trickling.submit(() -> {
                OutputStream out = trickler.getOutputStream();
                out.write(new byte[] {0x16, 0x03, 0x01, 0x40, 0x00});
                out.flush();
                while (!Thread.currentThread().isInterrupted()) {
                    out.write(0x01);
                    out.flush();
                    Thread.sleep(200);
                }
                return null;
            });
            awaitCondition(() -> server.unauthenticatedConnections() == 1);
            try (Connection peer = fixture.dialer().dial(server.address(), Duration.ofSeconds(10))) {
                assertThat(roundTrip(peer, "AUTH good")).isEqualTo("OK");
                assertTransfers(peer);
            }
            assertThat(trickle.isDone()).as("the trickler is still trickling").isFalse();
            clock.advance(DEADLINE);
            awaitCondition(() -> server.expiredConnections() == 1 && server.unauthenticatedConnections() == 0);
            trickle.cancel(true);
        } finally {
            trickling.shutdownNow();
            assertThat(trickling.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
    }
}
