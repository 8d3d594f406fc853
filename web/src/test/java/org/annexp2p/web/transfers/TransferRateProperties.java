package org.annexp2p.web.transfers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** Whatever a transfer file says, look after look, the reading is a number a person can be shown. */
class TransferRateProperties {

    @Property
    void aReadingIsNeverNegativeButForUnknownNorInfinite(@ForAll @Size(max = 30) List<@LongRange(min = 0, max = 3_000_000_000L) Long> steps,
            @ForAll @Size(max = 30) List<@LongRange(min = 0, max = 1L << 40) Long> bytes, @ForAll @LongRange(min = -1, max = 1L << 41) long size) {
        TransferRate rate = new TransferRate();
        long now = 0;
        for (int i = 0; i < Math.min(steps.size(), bytes.size()); i++) {
            now += steps.get(i);
            rate.sample(now, bytes.get(i));
            TransferRate.Reading reading = rate.reading(now, size);
            assertThat(reading.rate()).isGreaterThanOrEqualTo(-1).isLessThan(Long.MAX_VALUE);
            assertThat(reading.eta()).isGreaterThanOrEqualTo(-1).isLessThan(Long.MAX_VALUE);
            if (reading.stalled()) {
                assertThat(reading.rate()).isZero();
                assertThat(reading.eta()).isEqualTo(-1);
            }
            if (reading.rate() <= 0) {
                assertThat(reading.eta()).isEqualTo(-1);
            }
        }
    }
}
