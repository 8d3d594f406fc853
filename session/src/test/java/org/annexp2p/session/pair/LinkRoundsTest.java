package org.annexp2p.session.pair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Example;

class LinkRoundsTest {
    static final PairAddress ONE = PairAddress.parse(
            "tor-annex::lwkwvuvzt4g2gwkcom6wccjbqxzx427f66gog54tftaw2dp5oqmt6jqd.onion:1");
    static final PairAddress TWO = PairAddress.parse(
            "p2p-annex::testnet:127.0.0.1:2");

    final List<String> tried = new ArrayList<>();
    final List<String> told = new ArrayList<>();
    final AtomicInteger pauses = new AtomicInteger();

    LinkRounds rounds(int n) {
        return new LinkRounds(n, pauses::incrementAndGet);
    }

    @Example
    void triesEachAddressInTurnRoundAfterRoundUntilOneLinks() throws Exception {
        String linked = rounds(5).link(List.of(ONE, TWO), a -> {
            tried.add(a.format());
            if (tried.size() < 4) {
                throw new IOException("refused " + tried.size());
            }
            return "linked at " + a.format();
        }, (a, why) -> told.add(a.format() + ": " + why.getMessage()));
        assertThat(linked).isEqualTo("linked at " + TWO.format());
        assertThat(tried).containsExactly(ONE.format(), TWO.format(), ONE.format(), TWO.format());
        assertThat(told).containsExactly(ONE.format() + ": refused 1", TWO.format() + ": refused 2",
                ONE.format() + ": refused 3");
        assertThat(pauses).as("one pause, between the two rounds").hasValue(1);
    }

    @Example
    void whenEveryRoundFailsTheLastReasonIsKeptAndThereIsNoPauseAfterTheLastRound() {
        AtomicInteger n = new AtomicInteger();
        assertThatThrownBy(() -> rounds(3).link(List.of(ONE, TWO), a -> {
            throw new IOException("refused " + n.incrementAndGet());
        }, (a, why) -> told.add(a.format()))).isInstanceOf(LinkRounds.Exhausted.class)
                .satisfies(e -> assertThat(((LinkRounds.Exhausted) e).last()).get()
                        .extracting(Throwable::getMessage).isEqualTo("refused 6"));
        assertThat(told).hasSize(6);
        assertThat(pauses).hasValue(2);
    }

    @Example
    void noAddressMeansNoReason() {
        assertThatThrownBy(() -> rounds(2).link(List.of(), a -> "never", (a, why) -> told.add("never")))
                .isInstanceOf(LinkRounds.Exhausted.class)
                .satisfies(e -> assertThat(((LinkRounds.Exhausted) e).last()).isEmpty());
        assertThat(told).isEmpty();
    }

    @Example
    void aRoundCountBelowOneIsRefused() {
        assertThatThrownBy(() -> new LinkRounds(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
