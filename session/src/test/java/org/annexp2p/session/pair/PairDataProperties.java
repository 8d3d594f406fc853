package org.annexp2p.session.pair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.tor.onion.OnionAddress;
import org.annexp2p.tor.onion.TorAnnexAddress;

class PairDataProperties {
    static final String HALF = "0123456789abcdef".repeat(4);
    static final String ONION = "lwkwvuvzt4g2gwkcom6wccjbqxzx427f66gog54tftaw2dp5oqmt6jqd.onion";

    @Example
    void readsGitAnnexsFormat() throws Exception {
        PairData d = PairData.parse((HALF + "\ntor-annex::" + ONION + ":12345\n").getBytes(StandardCharsets.US_ASCII));
        assertThat(d.half().reveal()).isEqualTo(HALF);
        assertThat(d.addresses()).extracting(TorAnnexAddress::format).containsExactly("tor-annex::" + ONION + ":12345");
        assertThat(d.format()).isEqualTo(HALF + "\ntor-annex::" + ONION + ":12345\n");
    }

    @Property
    void formatThenParseGivesTheSameData(@ForAll("pairData") PairData d) throws Exception {
        assertThat(PairData.parse(d.format().getBytes(StandardCharsets.US_ASCII))).isEqualTo(d);
    }

    @Property
    void garbageIsATypedErrorNeverAnotherException(@ForAll byte[] garbage) {
        try {
            PairData d = PairData.parse(garbage);
            assertThat(d.addresses()).isNotEmpty();
        } catch (InvalidPairDataException e) {
            assertThat(e.getMessage()).startsWith("Failed receiving data from pair: ").doesNotContain("\n");
        }
    }

    @Property
    void aBadLineAfterTheHalfIsNamedWithoutTerminalEscapes(@ForAll("pairData") PairData d,
            @ForAll("junkLine") String junk) {
        byte[] data = (d.format() + junk + "\n").getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> PairData.parse(data)).isInstanceOf(InvalidPairDataException.class)
                .hasMessageStartingWith("Failed receiving data from pair: not an address: ")
                .satisfies(e -> assertThat(e.getMessage().chars().allMatch(c -> c >= 0x20 && c != 0x7f)).isTrue());
    }

    @Example
    void aShortOrMissingHalfIsRefused() {
        assertThatThrownBy(() -> PairData.parse(("abc\ntor-annex::" + ONION + ":1\n").getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(InvalidPairDataException.class).hasMessageContaining("token half");
        assertThatThrownBy(() -> PairData.parse((HALF + "\n").getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(InvalidPairDataException.class).hasMessageContaining("no address");
        assertThatThrownBy(() -> PairData.parse(new byte[PairData.MAX_BYTES + 1]))
                .isInstanceOf(InvalidPairDataException.class).hasMessageContaining("larger");
    }

    @Provide
    Arbitrary<PairData> pairData() {
        Arbitrary<AuthToken> half = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789")
                .ofLength(PairData.HALF_LENGTH).map(s -> AuthToken.parse(s).get());
        Arbitrary<TorAnnexAddress> address = Combinators.combine(
                Arbitraries.bytes().array(byte[].class).ofSize(32), Arbitraries.integers().between(1, 65535))
                .as((key, port) -> new TorAnnexAddress(OnionAddress.fromPublicKey(key), port));
        Arbitrary<List<TorAnnexAddress>> addresses = address.list().ofMinSize(1).ofMaxSize(4);
        return Combinators.combine(half, addresses).as(PairData::new);
    }

    @Provide
    Arbitrary<String> junkLine() {
        return Arbitraries.strings().ascii().ofMinLength(1).ofMaxLength(120)
                .filter(s -> !s.isBlank() && s.indexOf('\n') < 0 && s.indexOf('\r') < 0 && !s.startsWith("tor-annex:"));
    }
}
