package org.annexp2p.tor.onion;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

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

    /**
     * A typo in the last four characters (checksum and version bits only) is always caught. A typo in the key's
     * characters is caught unless the new key's 16-bit checksum happens to equal the old one, which is 1 in 65,536:
     * so that part is a rate, not a certainty (asserting certainty failed CI once). Without a checksum check the rate
     * would be 0%.
     */
    @Property(tries = 2000)
    void changingOneCharacterIsDetected(@ForAll("publicKeys") byte[] key, @ForAll @IntRange(min = 0, max = 55) int at,
            @ForAll @IntRange(min = 1, max = 31) int shift) {
        String id = OnionAddress.fromPublicKey(key).serviceId();
        String alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        char replaced = alphabet.charAt((alphabet.indexOf(id.charAt(at)) + shift) % 32);
        String typo = id.substring(0, at) + replaced + id.substring(at + 1);
        boolean detected = isRefused(typo);
        if (at >= FIRST_CHARACTER_WITHOUT_KEY_BITS) {
            assertThat(detected).as("typo at %d in %s", at, typo).isTrue();
        }
        Statistics.label("typo detected").collect(detected);
        Statistics.label("typo detected").coverage(c -> c.check(true).percentage(p -> p >= 99.0));
    }

    /** Characters 52..55 hold bits 260..279: checksum and version, none of the key's 256 bits. */
    private static final int FIRST_CHARACTER_WITHOUT_KEY_BITS = 52;

    private static boolean isRefused(String address) {
        try {
            OnionAddress parsed = OnionAddress.parse(address);
            // Accepted only as a genuinely valid address for another key: a checksum collision.
            assertThat(OnionAddress.fromPublicKey(parsed.publicKey()).serviceId()).isEqualTo(address);
            return false;
        } catch (OnionAddressException e) {
            return true;
        }
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
