package org.annexp2p.testkit.peers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.annexp2p.testkit.process.Command;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StandInScriptTest {
    @TempDir
    Path tmp;

    @Test
    void aNetworkHelperIsNamedForItsNetworkAndItsOwnersAlone() throws Exception {
        Path helper = StandInScript.networkHelper(tmp, "testnet", "#!/bin/sh\necho \"$1\"\n");
        assertThat(helper).isEqualTo(tmp.resolve("git-annex-p2p-testnet"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(helper))).isEqualTo("rwx------");
        assertThat(Command.of(helper.toString(), "address").run().ok().out()).isEqualTo("address\n");
    }

    @Test
    void theSshRunsItsLastArgumentHereAndLogsItsArguments() throws Exception {
        Path ssh = StandInScript.ssh(tmp);
        assertThat(Command.of(ssh.toString(), "-p", "22", "host", "echo ran; echo there").run().ok().out())
                .isEqualTo("ran\nthere\n");
        assertThat(Files.readString(tmp.resolve("fakessh.log"))).isEqualTo("-p 22 host echo ran; echo there\n");
    }
}
