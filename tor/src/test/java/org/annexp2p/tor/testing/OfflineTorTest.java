package org.annexp2p.tor.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OfflineTorTest {

    /** What tor 0.4.9 writes for "ControlPort 127.0.0.1:auto" plus a ControlSocket. */
    @Test
    void theControlPortIsReadFromWhatTorWrote(@TempDir Path dir) throws Exception {
        assertThat(OfflineTor.writtenControlPort(dir)).as("before tor wrote it").isZero();
        Files.createDirectories(dir.resolve("ctl"));
        Files.writeString(dir.resolve("ctl/port"), "PORT=127.0.0.1:41769\nUNIX_PORT=" + dir.resolve("ctl/sock") + "\n");
        assertThat(OfflineTor.writtenControlPort(dir)).isEqualTo(41769);
    }
}
