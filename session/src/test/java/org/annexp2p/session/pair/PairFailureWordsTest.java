package org.annexp2p.session.pair;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** One wording of a failed pairing for `pair` and the page; each words the failures under it its own way. */
class PairFailureWordsTest {
    private static String bracketed(Throwable t) {
        return "[" + t.getMessage() + "]";
    }

    @Test
    void eachStepIsSaidInP2pPairsTermsWithTheCauseWordedByTheFrontEnd() {
        IOException cause = new IOException("mailbox closed\nsecond line");
        assertThat(PairFailureWords.of(new PairExchangeException(PairExchangeException.Step.SENDING, "x", cause),
                PairFailureWordsTest::bracketed)).isEqualTo("Failed sending data to pair: [mailbox closed\nsecond line]");
        assertThat(PairFailureWords.of(new PairExchangeException(PairExchangeException.Step.RECEIVING, "x", cause)))
                .isEqualTo("Failed receiving data from pair: mailbox closed");
        assertThat(PairFailureWords.of(new PairExchangeException(PairExchangeException.Step.RECEIVING, "not a file", null),
                PairFailureWordsTest::bracketed)).isEqualTo("Failed receiving data from pair: not a file");
        assertThat(PairFailureWords.of(new PairExchangeException(PairExchangeException.Step.OWN_CODE, "own", null),
                PairFailureWordsTest::bracketed)).isEqualTo("that is this repository's own code; enter the other repository's");
    }

    @Test
    void exhaustedLinkRoundsNameTheLastFailureOrNoAddress() {
        assertThat(PairFailureWords.of(new LinkRounds.Exhausted(new IOException("refused")), PairFailureWordsTest::bracketed))
                .isEqualTo("Failed linking to pair: [refused]");
        assertThat(PairFailureWords.of(new LinkRounds.Exhausted(null), PairFailureWordsTest::bracketed))
                .isEqualTo("Failed linking to pair: no address");
    }

    @Test
    void anyOtherFailureIsWordedByTheFrontEndAndTheDefaultNeverPrintsNothing() {
        assertThat(PairFailureWords.of(new IOException("disk full"), PairFailureWordsTest::bracketed)).isEqualTo("[disk full]");
        assertThat(PairFailureWords.of(new IOException())).isEqualTo("pairing failed; try again with new codes");
    }
}
