package org.annexp2p.pairing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.annexp2p.pairing.conversation.ConversationRunner;
import org.annexp2p.pairing.conversation.EphemeralKey;
import org.annexp2p.pairing.conversation.PairData;
import org.annexp2p.pairing.conversation.PairingSetup;
import org.annexp2p.pairing.conversation.PairingState;
import org.annexp2p.pairing.discovery.DeviceId;
import org.annexp2p.pairing.discovery.Discovery;
import org.annexp2p.pairing.discovery.DiscoveryChannel;
import org.annexp2p.pairing.discovery.Heard;
import org.annexp2p.pairing.qr.QrPayload;
import org.annexp2p.pairing.secret.SharedSecret;
import org.annexp2p.pairing.tls.TlsIdentity;

/** Entry points for {@code annex-p2p pair --lan}: run a pairing conversation, or find a peer with a bound. */
public final class LanPairing {

    static final String FALLBACK_ADVICE = "pair with a QR code instead (pair --lan --qr on one side, --payload on the other), "
            + "or give the other side's address (--address)";
    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * The key of the discovery-first order's presence announcements. It is public on purpose: a device shows its
     * QR code before anyone knows a secret, so these announcements only say "someone is here" and anyone can forge
     * one. Nothing is trusted from them but an address to call; the QR code's secret and key decide (see
     * {@code ConfirmationCall}).
     */
    private static final String OPEN_PRESENCE_PHRASE = "annex-p2p open presence v1";

    private LanPairing() {
    }

    /** Runs the conversation to the end (paired, or failed within the options' timeout). Never throws for network trouble. */
    public static PairingOutcome run(PairingOptions options) {
        PairData ours;
        try {
            ours = new PairData(options.hostName(), options.user(), options.repositoryPath(), options.repositoryUuid(),
                    options.identity().publicKeyBytes(), options.listenerAddresses());
        } catch (IllegalArgumentException e) {
            return new PairingOutcome.Failed("cannot describe this repository for pairing: " + e.getMessage(), "shorten the named field");
        }
        PairingSetup setup;
        try {
            setup = new PairingSetup(options.role(), ours, options.secret(), hex(16), EphemeralKey.generate(), options.requestTargets(),
                    options.retransmit(), options.timeout(), options.linger(), options.expectedPeerKey());
        } catch (IllegalArgumentException e) {
            return new PairingOutcome.Failed(e.getMessage(), FALLBACK_ADVICE);
        }
        try {
            PairingState end = ConversationRunner.run(options.endpoint(), setup, System::currentTimeMillis, options.log());
            if (end instanceof PairingState.Paired p) {
                return new PairingOutcome.Paired(p.result());
            }
            return new PairingOutcome.Failed(((PairingState.Failed) end).reason(), FALLBACK_ADVICE);
        } catch (IOException e) {
            return new PairingOutcome.Failed("the pairing endpoint failed: " + e.getMessage(), FALLBACK_ADVICE);
        }
    }

    /** The (publicly known) key of open presence announcements; see {@link #OPEN_PRESENCE_PHRASE} for why that is safe. */
    public static SharedSecret openPresenceKey() {
        return SharedSecret.fromPhrase(OPEN_PRESENCE_PHRASE);
    }

    /**
     * Discovery of open presence announcements, keyed with {@link #openPresenceKey()}: the one setup both the device
     * showing a QR code and the one running {@code --find} must share. {@code listenerPort} is announced as ours.
     */
    public static Discovery openPresenceDiscovery(List<DiscoveryChannel> channels, int listenerPort) {
        return new Discovery(DeviceId.random(), openPresenceKey(), Clock.systemUTC(), channels, listenerPort,
                ThreadLocalRandom.current().nextLong(), Set.of());
    }

    /** The payload {@code pair --lan --qr} shows: our pairing port, our TLS key, the secret, our addresses. */
    public static QrPayload qrPayload(int port, TlsIdentity identity, String secretPhrase, List<InetAddress> addresses) {
        return new QrPayload(port, identity.fingerprint(), secretPhrase, addresses);
    }

    /** Where a scanning side sends its request: each address in the payload at the payload's port. */
    public static List<InetSocketAddress> requestTargets(QrPayload payload) {
        List<InetSocketAddress> targets = new ArrayList<>();
        for (InetAddress a : payload.addresses()) {
            targets.add(new InetSocketAddress(a, payload.port()));
        }
        return targets;
    }

    /** Discovery found the peer, or did not within the bound and says why. */
    public sealed interface Found {
        record Peer(Heard heard) implements Found {
        }

        record Fallback(String reason, String advice) implements Found {
        }
    }

    /**
     * Announces and listens until an announcement matching {@code wanted} arrives or {@code bound} passes; then
     * falls back with the reason taken from what discovery saw (nothing at all, wrong secrets, send failures).
     */
    public static Found find(Discovery discovery, Predicate<Heard> wanted, Duration interval, Duration bound) {
        try {
            Optional<Heard> heard = discovery.find(wanted, interval, bound);
            if (heard.isPresent()) {
                return new Found.Peer(heard.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Found.Fallback("interrupted while discovering", FALLBACK_ADVICE);
        }
        var stats = discovery.stats();
        String why;
        if (stats.refusedTotal() > 0 && stats.accepted() == 0) {
            why = "only unusable announcements arrived within " + span(bound);
        } else if (stats.ownHeard() == 0) {
            why = "no peer found within " + span(bound) + " and not even our own announcement came back: multicast/broadcast is "
                    + "probably blocked here (AP isolation, firewall, VPN)";
        } else {
            why = "no peer found within " + span(bound) + " although multicast works on this host: the other device may be on "
                    + "another network, isolated by the access point, or using a different secret";
        }
        return new Found.Fallback(why + " (" + stats.summary() + ")", FALLBACK_ADVICE);
    }

    private static String span(Duration d) {
        return d.toMillis() < 1000 ? d.toMillis() + " ms" : d.toSeconds() + " s";
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
