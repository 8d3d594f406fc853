package org.annexp2p.pairing.lan;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.annexp2p.pairing.LanPairing;
import org.annexp2p.pairing.confirm.CallOutcome;
import org.annexp2p.pairing.confirm.CallerDetails;
import org.annexp2p.pairing.confirm.ConfirmationCall;
import org.annexp2p.pairing.discovery.Announcement;
import org.annexp2p.pairing.discovery.DeviceId;
import org.annexp2p.pairing.discovery.Discovery;
import org.annexp2p.pairing.discovery.DiscoveryChannel;
import org.annexp2p.pairing.discovery.Heard;
import org.annexp2p.pairing.qr.QrPayload;
import org.annexp2p.pairing.secret.SharedSecret;
import org.annexp2p.pairing.tls.KeyFingerprint;
import org.annexp2p.pairing.tls.TlsIdentity;

/**
 * The discovery-first order, on the side that runs {@code --find}: list the devices that announce themselves for
 * pairing, then take the QR code of the one the user means and confirm it. A device counts only when its
 * confirmation listener answers with a MAC made with the QR code's secret over the TLS key the QR code names, so a
 * forged announcement (they carry no secret) leads nowhere. The address used is the one discovery saw, which
 * works even when the other device could not tell its own address. When discovery finds nobody within its bound,
 * or nobody it found proves the code, the QR code's own addresses are tried instead, and the user is told why.
 */
public final class DiscoveryFirst {

    /** After the first device is heard, how long to keep listening for others before showing the list. */
    static final Duration GATHER = Duration.ofMillis(1500);
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    /** Where the QR code's text comes from: the command line, or asked for once the devices are listed. */
    public interface PayloadSource {
        /** The payload, or empty after telling the user why there is none. */
        Optional<QrPayload> get();
    }

    /** Who we are to the device we call: our address, and the TLS listener the first link is made to. */
    public record Caller(TlsIdentity identity, InetAddress address, int listenerPort) {
    }

    /** What the person running {@code --find} is shown as the search goes. */
    public interface Screen {
        /** The devices heard waiting to pair, the first heard first; the person picks one by its QR code. */
        void heard(List<Heard> devices);

        /** The device at {@code address} proved that it shows the QR code, which names {@code key}. */
        void confirmed(InetAddress address, KeyFingerprint key);

        /** Discovery led to no device of this QR code, for {@code why}; its own addresses are tried next. */
        void fallingBack(String why);
    }

    private DiscoveryFirst() {
    }

    public static Rendezvous.Met find(List<DiscoveryChannel> channels, Duration bound, PayloadSource payloads, Caller caller,
            Screen screen, Consumer<String> log) throws InterruptedException {
        try (Discovery discovery = LanPairing.openPresenceDiscovery(channels, caller.listenerPort())) {
            LanPairing.Found found = LanPairing.find(discovery, h -> h.announcement() instanceof Announcement.Presence,
                    Rendezvous.ANNOUNCE_INTERVAL, bound);
            if (found instanceof LanPairing.Found.Fallback f) {
                screen.fallingBack("discovery found no device: " + f.reason());
                return payloads.get().map(DiscoveryFirst::fromPayloadAlone)
                        .orElseGet(() -> new Rendezvous.Met.Missed(f.reason(), f.advice()));
            }
            List<Heard> devices = gather(discovery, ((LanPairing.Found.Peer) found).heard());
            screen.heard(devices);
            Optional<QrPayload> payload = payloads.get();
            if (payload.isEmpty()) {
                return new Rendezvous.Met.Missed("no QR payload to confirm the device with", "run again and give the text shown with its QR code");
            }
            return confirm(devices, payload.get(), discovery.self(), caller, screen, log);
        }
    }

    /** Each device heard (its latest announcement), the first one first, listening {@link #GATHER} longer. */
    private static List<Heard> gather(Discovery discovery, Heard first) throws InterruptedException {
        Map<DeviceId, Heard> byDevice = new LinkedHashMap<>();
        byDevice.put(first.announcement().device(), first);
        long end = System.nanoTime() + GATHER.toNanos();
        for (long left = GATHER.toNanos(); left > 0; left = end - System.nanoTime()) {
            Optional<Heard> next = discovery.next(Duration.ofNanos(left));
            next.filter(h -> h.announcement() instanceof Announcement.Presence).ifPresent(h -> byDevice.put(h.announcement().device(), h));
        }
        return new ArrayList<>(byDevice.values());
    }

    /**
     * Calls each device's confirmation listener; the one that proves the QR code's secret and key is the one. When
     * none does (the device meant may be heard by nobody here while others are), the QR code's own addresses are
     * tried, and the user is told why.
     */
    private static Rendezvous.Met confirm(List<Heard> devices, QrPayload payload, DeviceId self, Caller caller, Screen screen,
            Consumer<String> log) {
        SharedSecret secret = SharedSecret.fromPhrase(payload.secret());
        List<String> why = new ArrayList<>();
        for (Heard device : devices) {
            InetAddress seen = device.from().getAddress();
            int listener = ((Announcement.Presence) device.announcement()).listenerPort();
            CallOutcome outcome = ConfirmationCall.call(new InetSocketAddress(seen, listener),
                    new CallerDetails(self, caller.address(), caller.listenerPort(), seen), secret, caller.identity(), CALL_TIMEOUT);
            if (outcome instanceof CallOutcome.Confirmed c && c.calleeKey().equals(payload.key())) {
                screen.confirmed(c.address(), c.calleeKey());
                return new Rendezvous.Met.Found(Conversation.requesting(secret, new InetSocketAddress(c.address(), payload.port()),
                        payload.key()));
            }
            String reason = outcome instanceof CallOutcome.Unconfirmed u ? u.reason()
                    : seen.getHostAddress() + " presented another key than the QR code's";
            log.accept("not the device of this QR code: " + reason);
            why.add(reason);
        }
        screen.fallingBack("none of the " + devices.size() + " devices found showed this QR code (" + String.join("; ", why) + ")");
        return fromPayloadAlone(payload);
    }

    /** Discovery failed: the plain QR order, with the addresses the QR code carries. */
    private static Rendezvous.Met fromPayloadAlone(QrPayload payload) {
        if (payload.addresses().isEmpty()) {
            return new Rendezvous.Met.Missed("discovery found no device that showed this QR code, and the code names no address",
                    "use --secret with --respond/--address instead");
        }
        return new Rendezvous.Met.Found(Conversation.requesting(payload));
    }
}
