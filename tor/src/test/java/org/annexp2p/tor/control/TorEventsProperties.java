package org.annexp2p.tor.control;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class TorEventsProperties {

    @Provide
    Arbitrary<String> types() {
        return Arbitraries.of("STATUS_CLIENT", "HS_DESC", "CIRC", "WARN", "ERR", "STREAM", "");
    }

    @Property
    void anyEventTextParsesOrIsDroppedNeverThrows(@ForAll("types") String type, @ForAll String rest) {
        assertThat(TorEvents.parse(type, rest)).isNotNull();
        assertThat(TorEvents.parse(type, "NOTICE BOOTSTRAP " + rest)).isNotNull();
        assertThat(TorEvents.parse(type, "UPLOADED " + rest)).isNotNull();
    }

    @Property
    void bootstrapProgressRoundTrips(@ForAll @IntRange(min = 0, max = 100) int progress, @ForAll("words") String tag) {
        String line = "NOTICE BOOTSTRAP PROGRESS=" + progress + " TAG=" + tag + " SUMMARY=\"" + tag + " \\\"x\\\"\"";
        assertThat(TorEvents.bootstrapPhase(line)).contains(new TorEvent.Bootstrap(progress, tag, tag + " \"x\""));
    }

    @Provide
    Arbitrary<String> words() {
        return Arbitraries.strings().alpha().numeric().withChars('_').ofMinLength(1).ofMaxLength(20);
    }
}
