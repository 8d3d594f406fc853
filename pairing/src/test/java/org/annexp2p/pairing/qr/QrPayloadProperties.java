package org.annexp2p.pairing.qr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.annexp2p.pairing.secret.SharedSecret;
import org.annexp2p.pairing.tls.KeyFingerprint;

class QrPayloadProperties {

    @Property
    void everyPayloadRoundTrips(@ForAll("payloads") QrPayload payload) throws InvalidPayloadException {
        String text = QrPayloadCodec.encode(payload);
        assertThat(text).startsWith("AXP-LAN/1 ").doesNotContain("\n");
        assertThat(QrPayloadCodec.decode(text)).isEqualTo(payload);
    }

    @Property
    void arbitraryTextIsRefusedWithAReasonNeverAnotherException(@ForAll String text) {
        try {
            QrPayloadCodec.decode(text);
        } catch (InvalidPayloadException e) {
            assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
        }
    }

    @Property
    void mangledPayloadsAreRefusedOrDecodeToSomethingValid(@ForAll("payloads") QrPayload payload,
            @ForAll @IntRange(min = 0, max = 400) int at, @ForAll char replacement) {
        String text = QrPayloadCodec.encode(payload);
        String mangled = text.substring(0, at % text.length()) + replacement + text.substring(at % text.length() + 1);
        try {
            assertThat(QrPayloadCodec.decode(mangled)).isNotNull();
        } catch (InvalidPayloadException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 50)
    void anotherVersionIsRefusedByName(@ForAll("payloadsWithTypicalSecrets") QrPayload payload, @ForAll @IntRange(min = 0, max = 999_999) int version) {
        if (version == QrPayloadCodec.VERSION) {
            return;
        }
        String text = QrPayloadCodec.encode(payload).replaceFirst("^AXP-LAN/1", "AXP-LAN/" + version);
        assertThatThrownBy(() -> QrPayloadCodec.decode(text))
                .isInstanceOf(InvalidPayloadException.class)
                .hasMessageContaining("format version " + version)
                .hasMessageNotContaining(payload.secret());
    }

    @Property(tries = 50)
    void errorsNeverRevealTheSecret(@ForAll("payloadsWithTypicalSecrets") QrPayload payload) {
        String text = QrPayloadCodec.encode(payload) + ",999.1.1.1";
        assertThatThrownBy(() -> QrPayloadCodec.decode(text.replace(" -,", " ")))
                .isInstanceOf(InvalidPayloadException.class)
                .hasMessageNotContaining(payload.secret());
    }

    /** Secrets as {@code pair --lan --qr} makes them: long enough that finding one in a message means a leak. */
    @Provide
    Arbitrary<QrPayload> payloadsWithTypicalSecrets() {
        return payloads().map(p -> new QrPayload(p.port(), p.key(), SharedSecret.randomPhrase(), p.addresses()));
    }

    @Provide
    Arbitrary<QrPayload> payloads() {
        Arbitrary<KeyFingerprint> keys = Arbitraries.bytes().array(byte[].class).ofSize(32).map(KeyFingerprint::new);
        Arbitrary<String> secrets = Arbitraries.strings().ofMinLength(1).ofMaxLength(60)
                .filter(s -> s.codePoints().noneMatch(c -> Character.getType(c) == Character.SURROGATE));
        Arbitrary<InetAddress> addresses = Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofSize(4),
                Arbitraries.bytes().array(byte[].class).ofSize(16)).map(b -> {
                    try {
                        return InetAddress.getByAddress(b);
                    } catch (UnknownHostException e) {
                        throw new AssertionError(e);
                    }
                });
        return Combinators.combine(Arbitraries.integers().between(1, 65535), keys, secrets, addresses.list().ofMaxSize(6))
                .as(QrPayload::new);
    }
}
