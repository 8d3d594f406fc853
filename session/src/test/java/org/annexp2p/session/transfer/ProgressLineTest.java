package org.annexp2p.session.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The progress line's words, read at chosen times so that the rate is exact. */
class ProgressLineTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aSizedTransferShowsItsBarPercentSizesAndRate() {
        TransferPace pace = new TransferPace(2048, -1);
        pace.reached(0, 5 * SECOND);
        pace.reached(2048, 7 * SECOND);
        assertThat(ProgressLine.of("get KEY ", ByteUnits.IEC, pace.at(7 * SECOND)))
                .isEqualTo("get KEY [" + "#".repeat(30) + "] 100% 2.0 KiB of 2.0 KiB  1.0 KiB/s");
    }

    @Test
    void aResumedTransferSaysWhereItResumedAndCountsOnlyWhatMovedSince() {
        TransferPace pace = new TransferPace(4096, -1);
        pace.resumedFrom(1024, 0);
        pace.reached(2048, SECOND);
        assertThat(ProgressLine.of("get KEY ", ByteUnits.IEC, pace.at(SECOND)))
                .isEqualTo("get KEY [" + "#".repeat(15) + " ".repeat(15) + "]  50% 2.0 KiB of 4.0 KiB  1.0 KiB/s  (resumed at 1.0 KiB)");
    }

    @Test
    void aSizeNotKnownShowsNoBar() {
        TransferPace pace = new TransferPace(TransferPace.UNKNOWN, -1);
        pace.reached(0, 0);
        pace.reached(5, SECOND);
        assertThat(ProgressLine.of("put KEY ", ByteUnits.IEC, pace.at(SECOND))).isEqualTo("put KEY 5 B  5 B/s");
    }

    @Test
    void anEmptyTransferIsWhollyDone() {
        TransferPace pace = new TransferPace(0, 0);
        pace.reached(0, 0);
        assertThat(ProgressLine.of("", ByteUnits.DECIMAL, pace.at(0)))
                .isEqualTo("[" + "#".repeat(30) + "] 100% 0 Bytes of 0 Bytes  0 Bytes/s");
    }

    @Test
    void beforeAnyReportNothingHasMoved() {
        TransferPace pace = new TransferPace(3000, 0);
        assertThat(ProgressLine.of("", ByteUnits.DECIMAL, pace.at(9 * SECOND)))
                .isEqualTo("[" + " ".repeat(30) + "]   0% 0 Bytes of 3.0 kB  0 Bytes/s");
    }

    @Test
    void moreThanTheSizeReadsAsWhollyDone() {
        TransferPace pace = new TransferPace(1000, 0);
        pace.reached(1500, 0);
        assertThat(ProgressLine.of("", ByteUnits.DECIMAL, pace.at(SECOND))).startsWith("[" + "#".repeat(30) + "] 100% 1.5 kB of 1.0 kB");
    }
}
