package org.annexp2p.tor.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TorExitTest {

    /** tor 0.4.9's log when another tor holds its data directory. */
    static final String DATA_DIRECTORY_IN_USE = """
            Dec 05 15:01:21.379 [notice] Opened Control listener connection (ready) on 127.0.0.1:38473
            Dec 05 15:01:21.000 [warn] It looks like another Tor process is running with the same data directory.  Waiting 5 seconds to see if it goes away.
            Dec 05 15:01:26.000 [err] No, it's still there.  Exiting.
            Dec 05 15:01:26.000 [err] set_options(): Bug: Acting on config options left us in a broken state. Dying. (on Tor 0.4.9.11 )
            Dec 05 15:01:26.000 [err] Reading config failed--see warnings above.
            """;

    @Test
    void torsReasonIsItsWarningAndFirstError(@TempDir Path dir) throws Exception {
        Path log = Files.writeString(dir.resolve("tor.log"), DATA_DIRECTORY_IN_USE);
        assertThat(TorExit.reason(1, log)).isEqualTo("exit status 1: It looks like another Tor process is running with the"
                + " same data directory. Waiting 5 seconds to see if it goes away. No, it's still there. Exiting.");
    }

    @Test
    void aKilledTorSaysTheSignalAndNoStaleWords(@TempDir Path dir) throws Exception {
        Path log = Files.writeString(dir.resolve("tor.log"), "Dec 05 15:01:21.000 [warn] an old warning\n"
                + "Dec 05 15:01:22.000 [notice] Bootstrapped 100% (done): Done\n");
        assertThat(TorExit.reason(137, log)).isEqualTo("killed by signal 9");
        assertThat(TorExit.reason(0, dir.resolve("missing.log"))).isEqualTo("exit status 0");
    }

    @Test
    void errorsLongBeforeTheEndAreNotTheReason(@TempDir Path dir) throws Exception {
        StringBuilder log = new StringBuilder("Dec 05 15:01:21.000 [err] an old error\n");
        for (int i = 0; i < 30; i++) {
            log.append("Dec 05 15:01:22.000 [notice] line ").append(i).append('\n');
        }
        assertThat(TorExit.reason(1, Files.writeString(dir.resolve("tor.log"), log))).isEqualTo("exit status 1");
    }
}
