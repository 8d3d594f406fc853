package org.annexp2p.wormhole.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/** Our HKDF-SHA256 over the JDK's HMAC against RFC 5869's vector and BouncyCastle's HKDF, which it replaced. */
class HkdfProperties {

    private static final HexFormat HEX = HexFormat.of();

    @Example
    void rfc5869TestCase3WithoutSaltOrInfo() {
        byte[] ikm = HEX.parseHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");
        assertThat(HEX.formatHex(Hkdf.derive(ikm, new byte[0], 42))).isEqualTo(
                "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8");
    }

    @Property(tries = 300)
    void sameBytesAsBouncyCastlesHkdf(@ForAll @Size(max = 100) byte[] ikm, @ForAll @Size(max = 80) byte[] info,
                                      @ForAll @IntRange(max = 200) int length) {
        HKDFBytesGenerator reference = new HKDFBytesGenerator(new SHA256Digest());
        reference.init(new HKDFParameters(ikm, null, info));
        byte[] expected = new byte[length];
        reference.generateBytes(expected, 0, length);
        assertThat(Hkdf.derive(ikm, info, length)).isEqualTo(expected);
    }

    @Example
    void refusesMoreThan255Hashes() {
        assertThatThrownBy(() -> Hkdf.derive(new byte[1], new byte[0], 255 * 32 + 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Hkdf.derive(new byte[1], new byte[0], 255 * 32)).hasSize(255 * 32);
    }
}
