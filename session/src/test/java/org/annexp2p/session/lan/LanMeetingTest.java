package org.annexp2p.session.lan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.annexp2p.pairing.conversation.PairingSetup;
import org.annexp2p.pairing.discovery.DiscoveryGroups;
import org.annexp2p.pairing.discovery.Heard;
import org.annexp2p.pairing.lan.Conversation;
import org.annexp2p.pairing.lan.LanEndpoints;
import org.annexp2p.pairing.qr.InvalidPayloadException;
import org.annexp2p.pairing.qr.QrPayload;
import org.annexp2p.pairing.qr.QrPayloadCodec;
import org.annexp2p.pairing.secret.SharedSecret;
import org.annexp2p.pairing.tls.KeyFingerprint;
import org.annexp2p.pairing.tls.TlsIdentity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How two devices meet: the combinations of options that cannot work are refused, and each way sets up its side. */
class LanMeetingTest {
    static final TlsIdentity US = TlsIdentity.generate("us");
    static final Duration BOUND = Duration.ofSeconds(5);

    LanEndpoints ends;
    final List<String> shown = new ArrayList<>();

    final LanMeeting.Screen screen = new LanMeeting.Screen() {
        @Override
        public void heard(List<Heard> devices) {
            shown.add("heard " + devices.size());
        }

        @Override
        public void confirmed(InetAddress address, KeyFingerprint key) {
            shown.add("confirmed");
        }

        @Override
        public void fallingBack(String why) {
            shown.add("falling back");
        }

        @Override
        public void showQr(LanEndpoints.QrOffer offer, Duration timeout) {
            shown.add("qr " + offer.text().startsWith("AXP-LAN/1"));
        }

        @Override
        public Optional<String> askForPayload() {
            shown.add("asked");
            return Optional.empty();
        }

        @Override
        public void notAPayload(InvalidPayloadException why, boolean typed) {
            shown.add("not a payload (" + (typed ? "typed" : "given") + "): " + why.getMessage());
        }

        @Override
        public void lookingFor(String what, Duration bound) {
            shown.add("looking for " + what);
        }

        @Override
        public void waitingAt(String address, Duration timeout) {
            shown.add("waiting at " + address);
        }

        @Override
        public void failed(String reason, String advice) {
            shown.add("failed: " + reason);
        }
    };

    @BeforeEach
    void open() throws Exception {
        ends = LanEndpoints.open(US, 0, 0, new LanEndpoints.Scope(true, DiscoveryGroups.PORT, line -> { }));
    }

    @AfterEach
    void close() {
        ends.close();
    }

    private Optional<Conversation> meet(LanMeeting.Way way) throws Exception {
        return new LanMeeting(ends, screen).meet(way, BOUND, BOUND);
    }

    @Test
    void combinationsThatCannotWorkAreRefusedInTheOptionsWords() {
        assertThatThrownBy(() -> new LanMeeting.Way(null, true, null, true, null, false))
                .hasMessage("--find pairs with a device showing a QR code: give it alone or with --payload");
        assertThatThrownBy(() -> new LanMeeting.Way(null, true, null, false, null, true))
                .hasMessage("--address and --respond go with --secret");
        assertThatThrownBy(() -> new LanMeeting.Way(null, false, "P", false, "1.2.3.4:5", false))
                .hasMessage("--address and --respond go with --secret");
        assertThatThrownBy(() -> new LanMeeting.Way(null, false, null, false, null, false))
                .hasMessage("say how to pair: --secret PHRASE, --qr, --payload TEXT or --find");
        new LanMeeting.Way(null, false, null, true, null, false);
        new LanMeeting.Way(null, false, "P", true, null, false);
        new LanMeeting.Way("phrase", false, null, false, "1.2.3.4:5", false);
    }

    @Test
    void aQrCodeIsShownAndItsConversationAwaitsTheOtherDevice() throws Exception {
        Optional<Conversation> c = meet(new LanMeeting.Way(null, true, null, false, null, false));
        assertThat(shown).containsExactly("qr true");
        assertThat(c).hasValueSatisfying(v -> assertThat(v.role()).isEqualTo(PairingSetup.Role.RESPONDER));
    }

    @Test
    void aPayloadWithoutAddressesLeadsNowhere() throws Exception {
        String text = QrPayloadCodec.encode(new QrPayload(55600, US.fingerprint(), SharedSecret.randomPhrase(), List.of()));
        assertThat(meet(new LanMeeting.Way(null, false, text, false, null, false))).isEmpty();
        assertThat(shown).containsExactly("failed: the payload names no address of the other device");
    }

    @Test
    void aPayloadIsDialledAtItsAddresses() throws Exception {
        String text = QrPayloadCodec.encode(new QrPayload(55600, US.fingerprint(), SharedSecret.randomPhrase(),
                List.of(InetAddress.getLoopbackAddress())));
        // as pasted: the text around the payload does not count
        Optional<Conversation> c = meet(new LanMeeting.Way(null, false, " " + text + "\n", false, null, false));
        assertThat(c).hasValueSatisfying(v -> {
            assertThat(v.role()).isEqualTo(PairingSetup.Role.REQUESTER);
            assertThat(v.targets()).containsExactly(new InetSocketAddress(InetAddress.getLoopbackAddress(), 55600));
        });
    }

    @Test
    void byHandOneSideWaitsWhereItSaysAndTheOtherDialsTheAddressGiven() throws Exception {
        Optional<Conversation> responding = meet(new LanMeeting.Way("phrase", false, null, false, null, true));
        assertThat(responding).hasValueSatisfying(v -> assertThat(v.role()).isEqualTo(PairingSetup.Role.RESPONDER));
        assertThat(shown).containsExactly("waiting at 127.0.0.1:" + ends.conversationPort());

        Optional<Conversation> requesting = meet(new LanMeeting.Way("phrase", false, null, false, "127.0.0.1:4000", false));
        assertThat(requesting).hasValueSatisfying(v ->
                assertThat(v.targets()).containsExactly(new InetSocketAddress("127.0.0.1", 4000)));
    }

    @Test
    void aBlankPhraseABadAddressOrBothSidesAtOnceAreRefused() {
        assertThatThrownBy(() -> meet(new LanMeeting.Way(" ", false, null, false, null, false)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the --secret phrase must not be empty");
        assertThatThrownBy(() -> meet(new LanMeeting.Way("phrase", false, null, false, "127.0.0.1:4000", true)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--address and --respond are for the two different devices; give one of them");
        assertThatThrownBy(() -> meet(new LanMeeting.Way("phrase", false, null, false, "bogus", false)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--address wants the IP:PORT the other device (--respond) shows: ");
        assertThat(shown).isEmpty();
    }

    @Test
    void findingWithAnUnreadablePayloadStopsBeforeDiscovery() throws Exception {
        assertThat(meet(new LanMeeting.Way(null, false, "garbage", true, null, false))).isEmpty();
        assertThat(shown).singleElement().asString().startsWith("not a payload (given): not an annex-p2p LAN pairing payload");
    }
}
