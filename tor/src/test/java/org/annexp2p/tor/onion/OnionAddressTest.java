package org.annexp2p.tor.onion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OnionAddressTest {

    /** Observed with git-annex 10.20230126 (reference git-annex-p2p.md §3.2). */
    static final String OBSERVED = "lwkwvuvzt4g2gwkcom6wccjbqxzx427f66gog54tftaw2dp5oqmt6jqd.onion";

    @Test
    void acceptsARealV3Address() {
        OnionAddress a = OnionAddress.parse(OBSERVED);
        assertThat(a.serviceId()).isEqualTo(OBSERVED.substring(0, 56));
        assertThat(a.hostname()).isEqualTo(OBSERVED);
        assertThat(OnionAddress.fromPublicKey(a.publicKey())).isEqualTo(a);
    }

    @Test
    void namesEachProblem() {
        assertThatThrownBy(() -> OnionAddress.parse("abc.onion")).isInstanceOf(OnionAddressException.class)
                .hasMessageContaining("has 3 characters");
        assertThatThrownBy(() -> OnionAddress.parse(OBSERVED.replace('l', '1'))).isInstanceOf(OnionAddressException.class)
                .hasMessageContaining("contains '1'");
        assertThatThrownBy(() -> OnionAddress.parse("")).hasMessage("missing onion address");
        // a v2-length address is 16 characters
        assertThatThrownBy(() -> OnionAddress.parse("expyuzz4wqqyqhjn.onion")).hasMessageContaining("a v3 onion address has 56");
    }

    @Test
    void rejectsAWrongVersionByte() {
        byte[] raw = Base32.decode(OBSERVED.substring(0, 56));
        raw[34] = 4;
        String id = Base32.encode(raw);
        assertThatThrownBy(() -> OnionAddress.parse(id)).hasMessageContaining("version 4");
    }
}
