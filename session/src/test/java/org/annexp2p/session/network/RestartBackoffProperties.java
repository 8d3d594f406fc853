package org.annexp2p.session.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class RestartBackoffProperties {

    @Property
    void theDelayStaysBetweenTheFirstAndTheCapAndOnlyALongRunResetsIt(
            @ForAll @Size(max = 40) List<@LongRange(min = 0, max = 120_000) Long> runsMillis) {
        RestartBackoff backoff = RestartBackoff.initial();
        for (long ms : runsMillis) {
            Duration ran = Duration.ofMillis(ms);
            RestartBackoff next = backoff.after(ran);
            assertThat(next.delay()).isBetween(RestartBackoff.FIRST, RestartBackoff.CAP);
            if (ran.compareTo(RestartBackoff.CAP) >= 0) {
                assertThat(next).isEqualTo(RestartBackoff.initial());
            } else {
                assertThat(next.delay()).isGreaterThan(backoff.delay().compareTo(RestartBackoff.CAP) < 0
                        ? backoff.delay() : RestartBackoff.CAP.minusNanos(1));
            }
            backoff = next;
        }
    }

    @Property
    void quickExitsDoubleTheDelayUntilTheCap(@ForAll @IntRange(max = 30) int exits) {
        RestartBackoff backoff = RestartBackoff.initial();
        for (int i = 0; i < exits; i++) {
            backoff = backoff.after(Duration.ZERO);
        }
        Duration expected = RestartBackoff.FIRST.multipliedBy(1L << Math.min(exits, 20));
        assertThat(backoff.delay()).isEqualTo(expected.compareTo(RestartBackoff.CAP) > 0 ? RestartBackoff.CAP : expected);
        assertThat(backoff.capped()).isEqualTo(backoff.delay().equals(RestartBackoff.CAP));
    }
}
