package org.annexp2p.web.transfers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Rate, ETA and "stalled" from looks at a transfer file, on a clock the test moves. */
class TransferRateTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long MIB = 1 << 20;

    @Test
    void oneLookMeasuresNothing() {
        TransferRate rate = new TransferRate();
        rate.sample(0, 5 * MIB);
        assertThat(rate.reading(0, 100 * MIB)).isEqualTo(new TransferRate.Reading(-1, -1, false));
        assertThat(rate.reading(60 * SECOND, 100 * MIB)).as("not stalled before anything was measured").isEqualTo(new TransferRate.Reading(-1, -1, false));
    }

    @Test
    void theRateIsBytesOverTimeBetweenChangesAndTheEtaWhatIsLeftAtThatRate() {
        TransferRate rate = new TransferRate();
        rate.sample(0, 0);
        // Looks four times a second; the file changes once a second, by 1 MiB.
        for (long tick = 1; tick <= 8; tick++) {
            rate.sample(tick * SECOND / 4, tick / 4 * MIB);
        }
        TransferRate.Reading reading = rate.reading(2 * SECOND, 10 * MIB);
        assertThat(reading.rate()).isEqualTo(MIB);
        assertThat(reading.eta()).isEqualTo(8);
        assertThat(reading.stalled()).isFalse();
    }

    @Test
    void theRateFollowsAChangeOfSpeedSmoothly() {
        TransferRate rate = new TransferRate();
        rate.sample(0, 0);
        rate.sample(SECOND, MIB);
        rate.sample(2 * SECOND, 3 * MIB);
        long rateAfterSpeedUp = rate.reading(2 * SECOND, -1).rate();
        assertThat(rateAfterSpeedUp).isGreaterThan(MIB).isLessThan(2 * MIB);
        assertThat(rate.reading(2 * SECOND, -1).eta()).as("no size, no ETA").isEqualTo(-1);
    }

    @Test
    void twoLooksAtTheSameInstantDivideByNothing() {
        TransferRate rate = new TransferRate();
        rate.sample(SECOND, 0);
        rate.sample(SECOND, MIB);
        assertThat(rate.reading(SECOND, 10 * MIB)).isEqualTo(new TransferRate.Reading(-1, -1, false));
        rate.sample(2 * SECOND, 2 * MIB);
        assertThat(rate.reading(2 * SECOND, 10 * MIB).rate()).isEqualTo(2 * MIB);
    }

    @Test
    void aTransferThatStopsMovingIsStalledNotInfinitelySlow() {
        TransferRate rate = new TransferRate();
        rate.sample(0, 0);
        rate.sample(SECOND, MIB);
        rate.sample(2 * SECOND, 2 * MIB);
        assertThat(rate.reading(2 * SECOND + TransferRate.MIN_STALL_NANOS, 10 * MIB).stalled()).isFalse();
        assertThat(rate.reading(3 * SECOND + TransferRate.MIN_STALL_NANOS, 10 * MIB)).isEqualTo(new TransferRate.Reading(0, -1, true));
        rate.sample(4 * SECOND + TransferRate.MIN_STALL_NANOS, 3 * MIB);
        assertThat(rate.reading(4 * SECOND + TransferRate.MIN_STALL_NANOS, 10 * MIB).stalled()).as("moving again").isFalse();
    }

    @Test
    void aSlowTransferWhoseFileChangesRarelyIsNotCalledStalledBetweenChanges() {
        TransferRate rate = new TransferRate();
        rate.sample(0, 0);
        rate.sample(20 * SECOND, MIB);
        assertThat(rate.reading(70 * SECOND, 100 * MIB).stalled()).isFalse();
        assertThat(rate.reading(81 * SECOND, 100 * MIB).stalled()).isTrue();
    }

    @Test
    void aTransferThatStartsOverIsMeasuredAfresh() {
        TransferRate rate = new TransferRate();
        rate.sample(0, 0);
        rate.sample(SECOND, 5 * MIB);
        rate.sample(2 * SECOND, MIB);
        assertThat(rate.reading(2 * SECOND, 10 * MIB)).isEqualTo(new TransferRate.Reading(-1, -1, false));
    }
}
