package org.annexp2p.pairing.lan;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.annexp2p.pairing.LanPairing;
import org.annexp2p.pairing.conversation.PairData;
import org.annexp2p.pairing.discovery.DiscoveryChannel;
import org.annexp2p.pairing.qr.QrPayload;
import org.annexp2p.pairing.qr.QrPayloadCodec;
import org.annexp2p.pairing.secret.SharedSecret;
import org.annexp2p.pairing.selfip.SelfIp;
import org.annexp2p.pairing.tls.PinnedTls;
import org.annexp2p.pairing.tls.PinnedTlsServer;
import org.annexp2p.pairing.tls.TlsIdentity;
import org.annexp2p.pairing.tls.TrustedKeys;
import org.annexp2p.transports.datagram.UdpEndpoint;
import org.annexp2p.transports.datagram.UdpOptions;

/**
 * Where this device pairs from: our addresses, the UDP endpoint of the pairing conversation, and the TLS listener
 * (trusting no key until the pairing names one) that the other device makes its first link to. Each way of
 * finding the other device starts here and leads to a {@link Conversation}.
 *
 * @param identity our TLS identity for LAN links (saved only once pairing succeeded)
 * @param own our addresses, the best first; loopback alone on a single machine
 * @param trusted the keys the TLS listener accepts: the paired peer's, once known
 */
public record LanEndpoints(TlsIdentity identity, List<InetAddress> own, TrustedKeys trusted, PinnedTlsServer tlsServer,
        UdpEndpoint endpoint, Scope scope) implements AutoCloseable {

    /**
     * Where discovery may go and on which UDP port; and where pairing logs its steps (never secrets).
     *
     * @param loopback whether everything stays on loopback (two repositories on one machine, tests)
     */
    public record Scope(boolean loopback, int discoveryPort, Consumer<String> log) {
    }

    /**
     * Opens the endpoints: the conversation on UDP {@code port}, the listener on TCP {@code listenPort} (0: any).
     *
     * @throws IllegalStateException naming what to do when this machine has no private LAN address
     */
    public static LanEndpoints open(TlsIdentity identity, int port, int listenPort, Scope scope) throws IOException {
        List<InetAddress> own = ownAddresses(scope.loopback());
        TrustedKeys trusted = new TrustedKeys();
        InetSocketAddress bind = new InetSocketAddress(scope.loopback() ? InetAddress.getLoopbackAddress() : wildcard(), listenPort);
        PinnedTlsServer tlsServer = PinnedTls.listen(bind, identity, trusted);
        try {
            return new LanEndpoints(identity, own, trusted, tlsServer, UdpEndpoint.open(conversationOptions(scope.loopback(), own, port)),
                    scope);
        } catch (IOException | RuntimeException e) {
            tlsServer.close();
            throw e;
        }
    }

    public int conversationPort() {
        return endpoint.localAddress().getPort();
    }

    /** The addresses the other device may link to, as many as pairing data can carry. */
    public List<InetSocketAddress> listenerAddresses() {
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (InetAddress a : own.subList(0, Math.min(own.size(), PairData.MAX_ADDRESSES))) {
            addresses.add(new InetSocketAddress(a, tlsServer.port()));
        }
        return addresses;
    }

    /** The discovery channels that could be opened; none when discovery cannot work here. */
    public List<DiscoveryChannel> discoveryChannels() throws IOException {
        return (scope.loopback() ? DiscoveryScope.LOOPBACK : DiscoveryScope.EVERY_INTERFACE).open(scope.discoveryPort(),
                p -> scope.log().accept("discovery channel not opened: " + p));
    }

    /**
     * A QR code's payload for the other device, and the conversation that waits for it. This device is also made
     * findable by {@code --find} when discovery channels open ({@link QrOffer#findable}).
     */
    public QrOffer offerQr() throws IOException {
        String phrase = SharedSecret.randomPhrase();
        QrPayload payload = LanPairing.qrPayload(conversationPort(), identity, phrase, own.subList(0, Math.min(own.size(), PairData.MAX_ADDRESSES)));
        SharedSecret secret = SharedSecret.fromPhrase(phrase);
        List<DiscoveryChannel> channels = discoveryChannels();
        AutoCloseable discoverable = channels.isEmpty() ? () -> { }
                : Discoverable.start(channels, scope.loopback() ? own.get(0) : wildcard(), identity, secret, scope.log());
        return new QrOffer(QrPayloadCodec.encode(payload), Conversation.responding(secret, discoverable), !channels.isEmpty());
    }

    /** The secret-first order: meet the other device by discovery, within {@code bound}. */
    public Rendezvous.Met meet(SharedSecret secret, List<DiscoveryChannel> channels, Duration bound) {
        return Rendezvous.meet(secret, channels, conversationPort(), bound, scope.log());
    }

    /** The discovery-first order (--find): list the devices showing a QR code, then confirm the one the user means. */
    public Rendezvous.Met find(List<DiscoveryChannel> channels, Duration bound, DiscoveryFirst.PayloadSource payloads,
            DiscoveryFirst.Screen screen) throws InterruptedException {
        return DiscoveryFirst.find(channels, bound, payloads, new DiscoveryFirst.Caller(identity, own.get(0), tlsServer.port()), screen,
                scope.log());
    }

    /**
     * What a QR code shows, and the conversation waiting for the device that reads it.
     *
     * @param findable whether this device announces itself for {@code --find}; else only the text's addresses lead here
     */
    public record QrOffer(String text, Conversation conversation, boolean findable) {
    }

    @Override
    public void close() {
        endpoint.close();
        tlsServer.close();
    }

    private static List<InetAddress> ownAddresses(boolean loopback) {
        if (loopback) {
            return List.of(InetAddress.getLoopbackAddress());
        }
        List<InetAddress> addresses = new ArrayList<>(SelfIp.privateInterfaceAddresses());
        if (addresses.isEmpty()) {
            throw new IllegalStateException("this machine has no private LAN address; connect to the network (or use --loopback on one machine)");
        }
        return addresses;
    }

    private static UdpOptions conversationOptions(boolean loopback, List<InetAddress> own, int port) throws IOException {
        if (loopback) {
            return UdpOptions.loopback(StandardProtocolFamily.INET, port);
        }
        NetworkInterface nif = NetworkInterface.getByInetAddress(own.get(0));
        return nif == null ? UdpOptions.loopback(StandardProtocolFamily.INET, port) : UdpOptions.lan(StandardProtocolFamily.INET, port, nif);
    }

    private static InetAddress wildcard() throws IOException {
        return InetAddress.getByAddress(new byte[4]);
    }
}
