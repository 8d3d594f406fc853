package org.annexp2p.pairing.doctor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DoctorReportTest {

    @Test
    void theTableSaysWhetherAnythingFailed() {
        assertThat(DoctorReport.table(List.of(Check.ok("a", "fine"), Check.skip("bb", "n/a")))).endsWith("nothing failed\n");
        assertThat(DoctorReport.table(List.of(Check.fail("a", "broken", "mend it")))).contains("FAIL  a  broken; mend it").endsWith("1 check(s) failed\n");
    }

    @Test
    void aCheckThatFoundSomethingWrongSaysWhatToDoAndOnlyThen() {
        Check failed = Check.fail("a", "broken", "mend it");
        assertThat(failed.reason()).isEqualTo("broken");
        assertThat(failed.fix()).isEqualTo("mend it");
        assertThat(failed.detail()).isEqualTo("broken; mend it");
        assertThat(Check.ok("a", "fine").fix()).isEmpty();
        assertThat(Check.ok("a", "fine").detail()).isEqualTo("fine");
        assertThatThrownBy(() -> Check.fail("a", "broken", " ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Check.warn("a", "odd", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Check("a", Check.Status.SKIP, "n/a", "do this")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDetailCannotDriveTheTerminal() {
        assertThat(DoctorReport.table(List.of(Check.fail("a", "cannot open /tmp/\u001b[2Jx", "open another")))).contains("\\x1b[2Jx").doesNotContain("\u001b");
    }
}
