package org.annexp2p.web.tor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.annexp2p.session.tor.PublishEvent;
import org.annexp2p.tor.Reachability;
import org.junit.jupiter.api.Test;

/** Every publishing event as the page's {@code tor.progress} event, and tor's own lines left out. */
class OnionProgressTest {

    @Test
    void eachStepHasItsWordAndDetails() {
        assertThat(OnionProgress.of(new PublishEvent.Starting("auto")).orElseThrow())
                .containsExactly(Map.entry("step", "starting"), Map.entry("policy", "auto"));
        assertThat(OnionProgress.of(new PublishEvent.StoppedLeftover(42)).orElseThrow())
                .containsExactly(Map.entry("step", "stopped-leftover"), Map.entry("pid", 42L));
        assertThat(OnionProgress.of(new PublishEvent.Bootstrap(50, "Loading")).orElseThrow())
                .containsExactly(Map.entry("step", "bootstrap"), Map.entry("percent", 50), Map.entry("summary", "Loading"));
        assertThat(OnionProgress.of(new PublishEvent.Recorded("tor-annex::x.onion:5")).orElseThrow())
                .containsExactly(Map.entry("step", "recorded"), Map.entry("address", "tor-annex::x.onion:5"));
        assertThat(OnionProgress.of(new PublishEvent.DescriptorUploaded("x.onion")).orElseThrow())
                .containsExactly(Map.entry("step", "uploaded"), Map.entry("onion", "x.onion"));
        Reachability took = new Reachability(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMillis(12_345), 4);
        assertThat(OnionProgress.of(new PublishEvent.Reachable("tor-annex::x.onion:5", took)).orElseThrow())
                .containsExactly(Map.entry("step", "reachable"), Map.entry("address", "tor-annex::x.onion:5"),
                        Map.entry("seconds", 12.3), Map.entry("attempts", 4));
        assertThat(OnionProgress.of(new PublishEvent.Failed("no tor")).orElseThrow())
                .containsExactly(Map.entry("step", "failed"), Map.entry("message", "no tor"));
    }

    @Test
    void torsOwnLinesAreNotShown() {
        assertThat(OnionProgress.of(new PublishEvent.TorSaid("NOTICE Bootstrapped 5%"))).isEmpty();
    }
}
