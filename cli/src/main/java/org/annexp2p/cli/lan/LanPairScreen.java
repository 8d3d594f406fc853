package org.annexp2p.cli.lan;

import org.annexp2p.protocol.wire.ShownText;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.annexp2p.cli.ErrorWords;
import org.annexp2p.cli.Prompt;
import org.annexp2p.pairing.conversation.PairData;
import org.annexp2p.pairing.discovery.Heard;
import org.annexp2p.pairing.lan.LanAddress;
import org.annexp2p.pairing.lan.LanEndpoints;
import org.annexp2p.pairing.qr.InvalidPayloadException;
import org.annexp2p.pairing.qr.TerminalQr;
import org.annexp2p.pairing.tls.KeyFingerprint;
import org.annexp2p.session.lan.LanPairingAttempt;
import org.annexp2p.session.lan.LanPairingFlow;

/**
 * What {@code pair --lan} shows and asks on the terminal: the QR code, the devices found, the result on stdout;
 * notes and failures (one line, reason and advice) on stderr. Whatever the other device chose to tell about itself
 * is escaped before it is shown.
 */
final class LanPairScreen implements LanPairingAttempt.Screen {

    @Override
    public void heard(List<Heard> devices) {
        System.out.println("found " + devices.size() + (devices.size() == 1 ? " device" : " devices") + " waiting to pair:");
        for (int i = 0; i < devices.size(); i++) {
            System.out.println(ShownText.of("  " + (i + 1) + ". " + devices.get(i).from().getAddress().getHostAddress()
                    + " (device " + devices.get(i).announcement().device() + ")"));
        }
        System.out.flush();
    }

    @Override
    public void confirmed(InetAddress address, KeyFingerprint key) {
        System.out.println("confirmed by the QR code: the device at " + address.getHostAddress() + " holds key " + key.hex());
        System.out.flush();
    }

    @Override
    public void fallingBack(String why) {
        System.err.println(ShownText.of("annex-p2p: " + why + "; trying the addresses in the QR code instead"));
    }

    @Override
    public void showQr(LanEndpoints.QrOffer offer, Duration timeout) {
        if (!offer.findable()) {
            System.err.println("annex-p2p: note: no discovery channel could be opened, so --find on the other device will not list this one;"
                    + " --payload works");
        }
        System.out.print(TerminalQr.render(offer.text(), false));
        System.out.println("Scan this, or run on the other device: annex-p2p pair --lan --payload '" + offer.text() + "'");
        System.out.println("(or there: annex-p2p pair --lan --find, which lists this device and then asks for this text)");
        System.out.println("payload: " + offer.text());
        System.out.println("waiting up to " + timeout.toSeconds() + " s for the other device...");
        System.out.flush();
    }

    @Override
    public void lookingFor(String what, Duration bound) {
        System.err.println("looking for " + what + " (up to " + bound.toSeconds() + " s)...");
    }

    @Override
    public void waitingAt(String address, Duration timeout) {
        System.out.println("waiting up to " + timeout.toSeconds() + " s; on the other device run: annex-p2p pair --lan --secret ... --address "
                + address);
        System.out.flush();
    }

    @Override
    public void failed(String reason, String advice) {
        fail(reason, advice);
    }

    /** Asks on the terminal (or reads standard input) for the text under the other device's QR code; one try. */
    @Override
    public Optional<String> askForPayload() {
        String line;
        try {
            line = Prompt.system().ask("type or paste the text shown under the QR code on the device you mean (the line after "
                    + "\"payload:\"), then Enter:" + System.lineSeparator()).orElse("");
        } catch (IOException e) {
            System.err.println("annex-p2p: cannot read the payload: " + ErrorWords.of(e));
            return Optional.empty();
        }
        if (line.isBlank()) {
            System.err.println("annex-p2p: no payload was given");
            return Optional.empty();
        }
        return Optional.of(line);
    }

    @Override
    public void notAPayload(InvalidPayloadException why, boolean typed) {
        if (typed) {
            System.err.println(ShownText.of("annex-p2p: that is not a pairing payload: " + ErrorWords.of(why)));
        } else {
            fail("the --payload text is not a pairing payload: " + ErrorWords.of(why), "copy the whole text shown by `pair --lan --qr`");
        }
    }

    @Override
    public void paired(LanPairingFlow.Outcome.Paired paired, KeyFingerprint ours, Duration took) {
        PairData peer = paired.peer();
        // The other device chose all of these.
        System.out.println(ShownText.of("paired with " + peer.repositoryUuid() + " (" + peer.where() + ") in " + took.toMillis() + " ms"));
        System.out.println("its key: " + paired.peerKey().hex());
        System.out.println("its addresses: " + peer.addresses().stream().map(a -> "lan://" + LanAddress.format(a)).toList());
        System.out.println("our key: " + ours.hex());
        System.out.flush();
    }

    static int fail(String reason, String advice) {
        System.err.println(ShownText.of("annex-p2p: pairing failed: " + reason + "; " + advice));
        return 1;
    }
}
