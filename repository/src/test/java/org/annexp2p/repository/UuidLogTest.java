package org.annexp2p.repository;

import static org.assertj.core.api.Assertions.assertThat;

import org.annexp2p.protocol.wire.Uuid;
import org.junit.jupiter.api.Test;

class UuidLogTest {
    private static final Uuid OURS = new Uuid("e7f3a1b2-0000-4000-8000-000000000001");

    @Test
    void theNewestLineOfOurUuidIsTheDescription() {
        String log = OURS.value() + " old name timestamp=1700000000.5s\n"
                + "ffffffff-0000-4000-8000-000000000002 someone else timestamp=1800000000s\n"
                + OURS.value() + " my laptop (with spaces) timestamp=1750000000s\n";
        assertThat(UuidLog.description(log, OURS)).contains("my laptop (with spaces)");
    }

    @Test
    void aLineWithoutTimestampIsOlderThanOneWithIt() {
        String log = OURS.value() + " stamped timestamp=1s\n" + OURS.value() + " ancient\n";
        assertThat(UuidLog.description(log, OURS)).contains("stamped");
    }

    @Test
    void noLineNoDescription() {
        assertThat(UuidLog.description("", OURS)).isEmpty();
    }
}
