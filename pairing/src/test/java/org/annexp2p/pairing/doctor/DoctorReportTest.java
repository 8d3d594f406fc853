package org.annexp2p.pairing.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DoctorReportTest {

    @Test
    void theTableSaysWhetherAnythingFailed() {
        assertThat(DoctorReport.table(List.of(Check.ok("a", "fine"), Check.skip("bb", "n/a")))).endsWith("nothing failed\n");
        assertThat(DoctorReport.table(List.of(Check.fail("a", "broken")))).contains("FAIL  a  broken").endsWith("1 check(s) failed\n");
    }

    @Test
    void aDetailCannotDriveTheTerminal() {
        assertThat(DoctorReport.table(List.of(Check.fail("a", "cannot open /tmp/\u001b[2Jx")))).contains("\\x1b[2Jx").doesNotContain("\u001b");
    }
}
