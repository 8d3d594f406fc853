package org.annexp2p.tor.onion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class OnionAddressProperties {

    @Provide
    Arbitrary<byte[]> publicKeys() {
        return Arbitraries.bytes().array(byte[].class).ofSize(32);
    }

    @Property
    void addressOfAKeyRoundTripsThroughText(@ForAll("publicKeys") byte[] key) {
        OnionAddress a = OnionAddress.fromPublicKey(key);
        assertThat(a.serviceId()).hasSize(56).matches("[a-z2-7]{56}");
        assertThat(OnionAddress.parse(a.hostname())).isEqualTo(a);
        assertThat(OnionAddress.parse(a.serviceId().toUpperCase() + ".onion")).isEqualTo(a);
        assertThat(a.publicKey()).isEqualTo(key);
    }

    @Property
    void changingOneCharacterIsDetected(@ForAll("publicKeys") byte[] key, @ForAll @IntRange(min = 0, max = 55) int at,
            @ForAll @IntRange(min = 1, max = 31) int shift) {
        String id = OnionAddress.fromPublicKey(key).serviceId();
        String alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        char replaced = alphabet.charAt((alphabet.indexOf(id.charAt(at)) + shift) % 32);
        String typo = id.substring(0, at) + replaced + id.substring(at + 1);
        assertThatThrownBy(() -> OnionAddress.parse(typo)).isInstanceOf(OnionAddressException.class);
    }

    @Property
    void garbageGivesATypedErrorOnly(@ForAll String text) {
        try {
            OnionAddress a = OnionAddress.parse(text);
            assertThat(a.serviceId()).hasSize(56);
        } catch (OnionAddressException e) {
            assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
        }
    }
}
