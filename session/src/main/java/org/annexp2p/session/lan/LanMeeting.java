package org.annexp2p.session.lan;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.annexp2p.pairing.discovery.DiscoveryChannel;
import org.annexp2p.pairing.lan.Conversation;
import org.annexp2p.pairing.lan.DiscoveryFirst;
import org.annexp2p.pairing.lan.LanAddress;
import org.annexp2p.pairing.lan.LanEndpoints;
import org.annexp2p.pairing.lan.Rendezvous;
import org.annexp2p.pairing.qr.InvalidPayloadException;
import org.annexp2p.pairing.qr.QrPayload;
import org.annexp2p.pairing.qr.QrPayloadCodec;
import org.annexp2p.pairing.secret.SharedSecret;

/**
 * How two devices meet for {@code pair --lan}, before the pairing conversation ({@link LanPairingFlow}): by a secret
 * phrase and discovery, by a QR code shown or its text given, by discovery first ({@code --find}), or by a phrase and
 * an address typed by hand where discovery is blocked. What the person sees and types goes through a {@link Screen}.
 */
public final class LanMeeting {

    /** What the person is shown and asked while the devices meet. */
    public interface Screen extends DiscoveryFirst.Screen {
        /** The QR code (and its text) to scan or type on the other device, shown while waiting up to {@code timeout}. */
        void showQr(LanEndpoints.QrOffer offer, Duration timeout);

        /** The text under the QR code of the device the person means, asked for once; or empty after saying why not. */
        Optional<String> askForPayload();

        /** The QR code's text the person gave ({@code typed}: when asked; else with the way chosen) is not a payload. */
        void notAPayload(InvalidPayloadException why, boolean typed);

        /** Discovery is looking for {@code what} for up to {@code bound}. */
        void lookingFor(String what, Duration bound);

        /** This device waits up to {@code timeout} at {@code address}, which the other device must be given. */
        void waitingAt(String address, Duration timeout);

        /** The devices did not meet, for {@code reason}; {@code advice} says what to try. */
        void failed(String reason, String advice);
    }

    /** The way chosen, from {@code pair --lan}'s options; whichever is not given is null or false. */
    public record Way(String secret, boolean qr, String payload, boolean find, String address, boolean respond) {
        /** Refuses a combination that cannot work, in the options' own words ({@link IllegalArgumentException}). */
        public Way {
            boolean oneGiven = secret != null || qr || payload != null;
            if (find && oneGiven && payload == null) {
                throw new IllegalArgumentException("--find pairs with a device showing a QR code: give it alone or with --payload");
            }
            if ((address != null || respond) && secret == null) {
                throw new IllegalArgumentException("--address and --respond go with --secret");
            }
            if (!find && !oneGiven) {
                throw new IllegalArgumentException("say how to pair: --secret PHRASE, --qr, --payload TEXT or --find");
            }
        }
    }

    private final LanEndpoints ends;
    private final Screen screen;

    public LanMeeting(LanEndpoints ends, Screen screen) {
        this.ends = ends;
        this.screen = screen;
    }

    /** The conversation with the other device, once met within {@code timeout}; or empty after the screen said why not. */
    public Optional<Conversation> meet(Way way, Duration timeout, Duration discoveryTimeout) throws IOException, InterruptedException {
        return way.find() ? findFirst(way, discoveryTimeout) : prepare(way, timeout);
    }

    private Optional<Conversation> prepare(Way way, Duration timeout) throws IOException {
        if (way.qr()) {
            LanEndpoints.QrOffer offer = ends.offerQr();
            screen.showQr(offer, timeout);
            return Optional.of(offer.conversation());
        }
        if (way.payload() != null) {
            Optional<QrPayload> given = decoded(way.payload(), false);
            if (given.isPresent() && given.get().addresses().isEmpty()) {
                screen.failed("the payload names no address of the other device", "use --secret on both devices instead");
                return Optional.empty();
            }
            return given.map(Conversation::requesting);
        }
        if (way.secret().isBlank()) {
            throw new IllegalArgumentException("the --secret phrase must not be empty");
        }
        if (way.address() != null || way.respond()) {
            return Optional.of(manual(way, timeout));
        }
        List<DiscoveryChannel> channels = ends.discoveryChannels();
        if (channels.isEmpty()) {
            screen.failed("no discovery channel could be opened", "use --qr on one device and --payload on the other");
            return Optional.empty();
        }
        screen.lookingFor("the other device", timeout);
        return met(ends.meet(SharedSecret.fromPhrase(way.secret()), channels, timeout));
    }

    /** {@code text} as a payload; or empty, the screen told why not. */
    private Optional<QrPayload> decoded(String text, boolean typed) {
        try {
            return Optional.of(QrPayloadCodec.decode(text.trim()));
        } catch (InvalidPayloadException e) {
            screen.notAPayload(e, typed);
            return Optional.empty();
        }
    }

    /** The discovery-first order (--find): list the devices waiting with a QR code, then confirm one with its text. */
    private Optional<Conversation> findFirst(Way way, Duration bound) throws IOException, InterruptedException {
        DiscoveryFirst.PayloadSource payloads;
        if (way.payload() != null) {
            Optional<QrPayload> given = decoded(way.payload(), false);
            if (given.isEmpty()) {
                return Optional.empty();
            }
            payloads = () -> given;
        } else {
            payloads = () -> screen.askForPayload().flatMap(text -> decoded(text, true));
        }
        List<DiscoveryChannel> channels = ends.discoveryChannels();
        if (channels.isEmpty()) {
            screen.failed("no discovery channel could be opened", "use --payload alone, which dials the addresses in the QR code");
            return Optional.empty();
        }
        screen.lookingFor("devices waiting to pair", bound);
        return met(ends.find(channels, bound, payloads, screen));
    }

    /** The manual order: one side waits (--respond), the other is told where (--address); no discovery at all. */
    private Conversation manual(Way way, Duration timeout) {
        if (way.address() != null && way.respond()) {
            throw new IllegalArgumentException("--address and --respond are for the two different devices; give one of them");
        }
        SharedSecret secret = SharedSecret.fromPhrase(way.secret());
        if (way.respond()) {
            screen.waitingAt(LanAddress.format(new InetSocketAddress(ends.own().get(0), ends.conversationPort())), timeout);
            return Conversation.responding(secret, () -> { });
        }
        try {
            return Conversation.requesting(secret, LanAddress.parse(way.address()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--address wants the IP:PORT the other device (--respond) shows: " + e.getMessage(), e);
        }
    }

    private Optional<Conversation> met(Rendezvous.Met met) {
        if (met instanceof Rendezvous.Met.Missed m) {
            screen.failed(m.reason(), m.advice());
            return Optional.empty();
        }
        return Optional.of(((Rendezvous.Met.Found) met).conversation());
    }
}
