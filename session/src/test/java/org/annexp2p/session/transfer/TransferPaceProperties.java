package org.annexp2p.session.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** The pace of a transfer, over any reports at any times. */
class TransferPaceProperties {
    private static final long SECOND = 1_000_000_000L;

    /** Whether it starts with a resume (a get that kept bytes) or with its first report, the clock starts there. */
    @Property
    void theRateCountsOnlyWhatMovedSinceTheStart(@ForAll boolean resumed, @ForAll @LongRange(min = 0, max = 1L << 40) long start,
            @ForAll @LongRange(min = 0, max = 1L << 30) long moved, @ForAll @LongRange(min = 1, max = 1000) long seconds,
            @ForAll @LongRange(min = 0, max = 1L << 50) long dialing) {
        TransferPace pace = new TransferPace(TransferPace.UNKNOWN, -1);
        if (resumed) {
            pace.resumedFrom(start, dialing);
        } else {
            pace.reached(start, dialing);
        }
        pace.reached(start + moved, dialing + seconds * SECOND);
        TransferPace.Reading reading = pace.at(dialing + seconds * SECOND);
        assertThat(reading.rate()).isEqualTo(moved / seconds);
        assertThat(reading.resumedAt()).isEqualTo(start);
    }

    @Property
    void percentStaysWithin0To100AndTheBarNeverShrinksAsTheTransferGoesOn(@ForAll @LongRange(min = 0, max = 1L << 40) long total,
            @ForAll @Size(max = 30) List<@LongRange(min = 0, max = 1L << 41) Long> positions) {
        TransferPace pace = new TransferPace(total, 0);
        List<Long> ascending = positions.stream().sorted().toList();
        int lastFilled = 0;
        int lastPercent = 0;
        for (long position : ascending) {
            pace.reached(position, 0);
            TransferPace.Reading reading = pace.at(SECOND);
            assertThat(reading.percent()).isBetween(0, 100).isGreaterThanOrEqualTo(lastPercent);
            assertThat(reading.filled(30)).isBetween(0, 30).isGreaterThanOrEqualTo(lastFilled);
            lastFilled = reading.filled(30);
            lastPercent = reading.percent();
        }
    }

    @Property
    void theSecondsLeftAtTheRateCoverWhatIsLeft(@ForAll @LongRange(min = 1, max = 1L << 40) long total,
            @ForAll @LongRange(min = 0, max = 1L << 40) long position, @ForAll @LongRange(min = 1, max = 1000) long seconds) {
        Assume.that(position <= total);
        TransferPace pace = new TransferPace(total, 0);
        pace.reached(0, 0);
        pace.reached(position, seconds * SECOND);
        TransferPace.Reading reading = pace.at(seconds * SECOND);
        if (reading.rate() == 0) {
            assertThat(reading.secondsLeft()).isEqualTo(-1);
        } else {
            assertThat(reading.secondsLeft() * reading.rate()).isLessThanOrEqualTo(total - position);
            assertThat((reading.secondsLeft() + 1) * reading.rate()).isGreaterThan(total - position);
        }
    }
}
