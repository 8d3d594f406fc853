package org.annexp2p.pairing.lan;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.annexp2p.pairing.LanPairing;
import org.annexp2p.pairing.confirm.CallerDetails;
import org.annexp2p.pairing.confirm.ConfirmationListener;
import org.annexp2p.pairing.discovery.Discovery;
import org.annexp2p.pairing.discovery.DiscoveryChannel;
import org.annexp2p.pairing.secret.SharedSecret;
import org.annexp2p.pairing.tls.TlsIdentity;

/**
 * The side that shows a QR code, made findable for the discovery-first order: it announces its presence (with
 * the public key, see {@link LanPairing#openPresenceDiscovery}) and runs a confirmation listener that proves, with the
 * QR code's secret, that this device is the one showing it. Closing stops both.
 */
final class Discoverable implements AutoCloseable {

    private final ConfirmationListener listener;
    private final Discovery discovery;
    private final Thread announcer;
    private final Consumer<String> log;

    private Discoverable(ConfirmationListener listener, Discovery discovery, Thread announcer, Consumer<String> log) {
        this.listener = listener;
        this.discovery = discovery;
        this.announcer = announcer;
        this.log = log;
    }

    /** Starts announcing on {@code channels}; the confirmation listener answers on {@code host}, any free port. */
    public static Discoverable start(List<DiscoveryChannel> channels, InetAddress host, TlsIdentity identity, SharedSecret secret, Consumer<String> log)
            throws IOException {
        ConfirmationListener listener = ConfirmationListener.open(new InetSocketAddress(host, 0), identity, secret, DiscoveryFirst.CALL_TIMEOUT);
        Discovery discovery;
        try {
            discovery = LanPairing.openPresenceDiscovery(channels, listener.port());
        } catch (RuntimeException e) {
            listener.close();
            throw e;
        }
        log.accept("announcing device " + discovery.self() + " with confirmation listener port " + listener.port());
        return new Discoverable(listener, discovery, Rendezvous.keepAnnouncing(discovery), log);
    }

    @Override
    public void close() throws InterruptedException {
        announcer.interrupt();
        try {
            announcer.join(2000);
        } finally {
            // Also when the closing thread is itself interrupted (a cancelled pairing): the sockets and the
            // listener's thread must not outlive the pairing.
            try {
                discovery.close();
                for (Optional<CallerDetails> c = listener.nextCaller(Duration.ZERO); c.isPresent(); c = listener.nextCaller(Duration.ZERO)) {
                    log.accept("found by device " + c.get().device() + " at " + c.get().address().getHostAddress());
                }
                log.accept("addresses confirmed as ours by calling ourselves: " + listener.confirmedAddresses().stream().map(InetAddress::getHostAddress).toList());
            } finally {
                // Whatever closing the discovery or the log did: the listener's thread must not outlive the pairing.
                listener.close();
            }
        }
    }
}
