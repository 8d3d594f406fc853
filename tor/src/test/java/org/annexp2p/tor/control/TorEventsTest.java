package org.annexp2p.tor.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TorEventsTest {

    @Test
    void parsesTheEventsWeActOn() {
        assertThat(TorEvents.parse("STATUS_CLIENT", "NOTICE BOOTSTRAP PROGRESS=100 TAG=done SUMMARY=\"Done\""))
                .contains(new TorEvent.Bootstrap(100, "done", "Done"));
        assertThat(TorEvents.bootstrapPhase("NOTICE BOOTSTRAP PROGRESS=0 TAG=starting SUMMARY=\"Starting\""))
                .contains(new TorEvent.Bootstrap(0, "starting", "Starting"));
        assertThat(TorEvents.parse("STATUS_CLIENT", "NOTICE CIRCUIT_ESTABLISHED"))
                .contains(new TorEvent.CircuitEstablished(true));
        assertThat(TorEvents.parse("HS_DESC", "UPLOADED 7rxwvjywpjkvo23hctjmogi7mm7z25t4oq5zejgtryxblh7viryhybqd UNKNOWN "
                + "$0123456789ABCDEF0123456789ABCDEF01234567~relay0"))
                .contains(new TorEvent.DescriptorUploaded("7rxwvjywpjkvo23hctjmogi7mm7z25t4oq5zejgtryxblh7viryhybqd",
                        "$0123456789ABCDEF0123456789ABCDEF01234567~relay0"));
        assertThat(TorEvents.parse("HS_DESC", "FAILED abc NO_AUTH $FF~r desc REASON=UPLOAD_REJECTED"))
                .contains(new TorEvent.DescriptorFailed("abc", "$FF~r", "UPLOAD_REJECTED"));
        assertThat(TorEvents.parse("CIRC", "5 BUILT $A~a,$B~b PURPOSE=GENERAL")).contains(new TorEvent.Circuit("5", "BUILT"));
        assertThat(TorEvents.parse("HS_DESC", "UPLOAD abc UNKNOWN $FF~r x")).isEmpty();
        assertThat(TorEvents.parse("STATUS_CLIENT", "NOTICE BOOTSTRAP PROGRESS=101")).isEmpty();
    }

    @Test
    void readsQuotedKeywordValuesWithEscapes() {
        assertThat(TorEvents.keywords("A=1 B=\"x \\\"y\\\" z\" C"))
                .containsEntry("A", "1").containsEntry("B", "x \"y\" z").doesNotContainKey("C");
    }
}
