package org.annexp2p.pairing.lan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.annexp2p.pairing.discovery.Announcement;
import org.annexp2p.pairing.discovery.AnnouncementCodec;
import org.annexp2p.pairing.discovery.DeviceId;
import org.annexp2p.pairing.discovery.Nonce;
import org.annexp2p.pairing.discovery.Refusal;
import org.annexp2p.pairing.discovery.Verdict;
import org.annexp2p.pairing.secret.SharedSecret;
import org.annexp2p.protocol.wire.AuthToken;
import org.junit.jupiter.api.Test;

class WhereIsSecretTest {

    private static final AuthToken TOKEN = AuthToken.parse("f00dfeedf00dfeedf00dfeedf00dfeed").get();
    private static final AuthToken OTHER = AuthToken.parse("f00dfeedf00dfeedf00dfeedf00dfeee").get();
    private static final byte[] PART = "where".getBytes(StandardCharsets.US_ASCII);

    @Test
    void bothSidesOfAPairingDeriveTheSameKey() {
        // Each side parses the token from its own creds file: separate objects, same key.
        SharedSecret ours = WhereIsSecret.of(AuthToken.parse(TOKEN.reveal()).get());
        SharedSecret theirs = WhereIsSecret.of(AuthToken.parse(TOKEN.reveal().toUpperCase()).get());
        assertThat(ours.mac(SharedSecret.Purpose.DISCOVERY, PART)).isEqualTo(theirs.mac(SharedSecret.Purpose.DISCOVERY, PART));

        Announcement.WhereIs query = new Announcement.WhereIs(DeviceId.random(), UUID.randomUUID(), Nonce.random(), System.currentTimeMillis());
        assertThat(new AnnouncementCodec(theirs).decode(new AnnouncementCodec(ours).encode(query)))
                .isInstanceOfSatisfying(Verdict.Accepted.class, a -> assertThat(((Announcement.WhereIs) a.announcement()).repository()).isEqualTo(query.repository()));
    }

    @Test
    void anotherPairingsTokenGivesAnotherKeyWhoseAnnouncementsAreRefused() {
        SharedSecret ours = WhereIsSecret.of(TOKEN);
        SharedSecret stranger = WhereIsSecret.of(OTHER);
        assertThat(ours.mac(SharedSecret.Purpose.DISCOVERY, PART)).isNotEqualTo(stranger.mac(SharedSecret.Purpose.DISCOVERY, PART));

        Announcement.WhereIs query = new Announcement.WhereIs(DeviceId.random(), UUID.randomUUID(), Nonce.random(), System.currentTimeMillis());
        assertThat(new AnnouncementCodec(ours).decode(new AnnouncementCodec(stranger).encode(query)))
                .isInstanceOfSatisfying(Verdict.Refused.class, r -> assertThat(r.reason()).isEqualTo(Refusal.BAD_MAC));
    }

    @Test
    void theKeyIsNeitherTheTokenNorAPhraseKeyOfIt() {
        SharedSecret derived = WhereIsSecret.of(TOKEN);
        assertThat(derived.mac(SharedSecret.Purpose.DISCOVERY, PART))
                .isNotEqualTo(SharedSecret.fromKey(java.util.Arrays.copyOf(TOKEN.reveal().getBytes(StandardCharsets.US_ASCII), 32))
                        .mac(SharedSecret.Purpose.DISCOVERY, PART))
                .isNotEqualTo(SharedSecret.fromPhrase(TOKEN.reveal()).mac(SharedSecret.Purpose.DISCOVERY, PART));
        assertThat(derived.toString()).doesNotContain(TOKEN.reveal());
    }

    @Test
    void aRawKeyMustBe32Bytes() {
        assertThatThrownBy(() -> SharedSecret.fromKey(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }
}
