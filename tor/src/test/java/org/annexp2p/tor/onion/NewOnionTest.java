package org.annexp2p.tor.onion;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** A key and address made without tor; that tor serves exactly this address is {@code NewOnionIT}'s. */
class NewOnionTest {

    private static final HexFormat HEX = HexFormat.of();

    /** RFC 8032 §7.1, test 1: the public key of this seed is given there, so the address is that key's. */
    @Test
    void theAddressIsThatOfTheSeedsEd25519PublicKey() {
        byte[] seed = HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        NewOnion onion = NewOnion.generate(new SeedAsRandom(seed));
        assertThat(onion.address().publicKey())
                .isEqualTo(HEX.parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"));
    }

    /** Tor's own key form: 64 bytes, the first half a clamped scalar (tor refuses no key, so a wrong clamp would serve another address). */
    @Test
    void theKeyIsTheClampedExpandedSecretKeyTorTakes() throws Exception {
        byte[] seed = HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        byte[] hash = java.security.MessageDigest.getInstance("SHA-512").digest(seed);
        String blob = NewOnion.generate(new SeedAsRandom(seed)).key().blob();
        assertThat(blob).startsWith("ED25519-V3:");
        byte[] expanded = Base64.getDecoder().decode(blob.substring("ED25519-V3:".length()));
        assertThat(expanded).hasSize(64);
        assertThat(expanded[0] & 7).as("low bits cleared").isZero();
        assertThat(expanded[31] & 0xc0).as("top bit cleared, next set").isEqualTo(0x40);
        assertThat(java.util.Arrays.copyOfRange(expanded, 1, 31)).isEqualTo(java.util.Arrays.copyOfRange(hash, 1, 31));
        assertThat(java.util.Arrays.copyOfRange(expanded, 32, 64)).isEqualTo(java.util.Arrays.copyOfRange(hash, 32, 64));
    }

    @Test
    void eachKeyIsNewAndItsTextNeverShowsIt() {
        NewOnion a = NewOnion.generate(new SecureRandom());
        NewOnion b = NewOnion.generate(new SecureRandom());
        assertThat(a.address()).isNotEqualTo(b.address());
        assertThat(a.key()).isNotEqualTo(b.key());
        String secret = a.key().blob().substring("ED25519-V3:".length());
        assertThat(a.toString()).contains(a.address().serviceId()).doesNotContain(secret);
        assertThat(a.key().toString()).doesNotContain(secret);
    }
}
