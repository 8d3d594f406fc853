package org.annexp2p.tor.onion;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class TorAnnexAddressProperties {

    @Provide
    Arbitrary<TorAnnexAddressAuth> addresses() {
        Arbitrary<OnionAddress> onions = Arbitraries.bytes().array(byte[].class).ofSize(32).map(OnionAddress::fromPublicKey);
        Arbitrary<Integer> ports = Arbitraries.integers().between(1, 65535);
        Arbitrary<Optional<AddressToken>> tokens = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789")
                .ofMinLength(1).ofMaxLength(128).map(AddressToken::new).optional();
        return Combinators.combine(onions, ports, tokens).as((o, p, t) -> new TorAnnexAddressAuth(new TorAnnexAddress(o, p), t));
    }

    @Property
    void formatThenParseIsIdentity(@ForAll("addresses") TorAnnexAddressAuth a) {
        assertThat(TorAnnexAddressAuth.parse(a.format())).isEqualTo(a);
        assertThat(TorAnnexAddress.parse(a.address().format())).isEqualTo(a.address());
        assertThat(a.toString()).doesNotContain(a.token().map(AddressToken::value).filter(v -> v.length() > 8).orElse("\u0000"));
    }

    @Property
    void garbageGivesATypedErrorOnly(@ForAll String text) {
        for (String candidate : new String[] {text, "tor-annex::" + text, "tor-annex::" + OnionAddressTest.OBSERVED + ":" + text}) {
            try {
                TorAnnexAddressAuth.parse(candidate);
            } catch (OnionAddressException e) {
                assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
            }
        }
    }
}
