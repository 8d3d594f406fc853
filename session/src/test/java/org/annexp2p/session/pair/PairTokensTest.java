package org.annexp2p.session.pair;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Example;
import org.annexp2p.protocol.wire.AuthToken;

class PairTokensTest {

    @Example
    void eachSideAcceptsExactlyWhatTheOtherPresents() {
        AuthToken halfA = PairTokens.freshHalf();
        AuthToken halfB = PairTokens.freshHalf();
        PairTokens a = PairTokens.of(halfA, halfB);
        PairTokens b = PairTokens.of(halfB, halfA);
        assertThat(a.accept()).isEqualTo(b.present());
        assertThat(b.accept()).isEqualTo(a.present());
        assertThat(a.accept()).isNotEqualTo(a.present());
        assertThat(a.accept().reveal()).isEqualTo(halfA.reveal() + halfB.reveal()).hasSize(128);
    }

    @Example
    void freshHalvesAreHalfLongAndDiffer() {
        AuthToken one = PairTokens.freshHalf();
        assertThat(one.reveal()).hasSize(PairData.HALF_LENGTH);
        assertThat(PairTokens.freshHalf()).isNotEqualTo(one);
    }

    @Example
    void theTokensNeverShowInText() {
        PairTokens t = PairTokens.of(PairTokens.freshHalf(), PairTokens.freshHalf());
        assertThat(t.toString()).doesNotContain(t.accept().reveal().substring(0, 16))
                .doesNotContain(t.present().reveal().substring(0, 16));
    }
}
