package org.annexp2p.tor.onion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TorAnnexAddressTest {

    static final String ONION = OnionAddressTest.OBSERVED;

    @Test
    void parsesGitAnnexsObservedForms() {
        TorAnnexAddress a = TorAnnexAddress.parse("tor-annex::" + ONION + ":39140");
        assertThat(a.port()).isEqualTo(39140);
        assertThat(a.format()).isEqualTo("tor-annex::" + ONION + ":39140");
        assertThat(a.dialString()).isEqualTo(ONION + ":39140");
        TorAnnexAddressAuth t = TorAnnexAddressAuth.parse("tor-annex::" + ONION + ":39140:54B0632db91a6a85");
        assertThat(t.address()).isEqualTo(a);
        assertThat(t.token()).contains(new AddressToken("54b0632db91a6a85"));
        assertThat(t.toString()).doesNotContain("54b0632db91a6a85");
        assertThat(TorAnnexAddressAuth.parse("tor-annex::" + ONION + ":39140").token()).isEmpty();
    }

    @Test
    void saysWhatIsWrong() {
        assertThatThrownBy(() -> TorAnnexAddress.parse("p2p-annex::x:1")).hasMessageContaining("does not start with tor-annex::");
        assertThatThrownBy(() -> TorAnnexAddress.parse("tor-annex::" + ONION)).hasMessageContaining("must look like");
        assertThatThrownBy(() -> TorAnnexAddress.parse("tor-annex::" + ONION + ":http")).hasMessageContaining("no valid port");
        assertThatThrownBy(() -> TorAnnexAddress.parse("tor-annex::" + ONION + ":0")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> TorAnnexAddressAuth.parse("tor-annex::" + ONION + ":1:")).hasMessageContaining("token after the port is empty");
        assertThatThrownBy(() -> TorAnnexAddressAuth.parse("tor-annex::" + ONION + ":1:tok-en"))
                .hasMessageContaining("other than letters and digits");
        assertThatThrownBy(() -> TorAnnexAddressAuth.parse("tor-annex::" + ONION + ":1:\u212a"))
                .isInstanceOf(OnionAddressException.class);
        assertThatThrownBy(() -> TorAnnexAddress.parse("tor-annex::abc.onion:80")).hasMessageContaining("56");
    }
}
