package org.annexp2p.tor.onion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SystemTorConfigTest {

    @Test
    void writesGitAnnexsTwoAdjacentLines() {
        SystemTorConfig c = new SystemTorConfig(0, "62824c8f-daf0-4533-afb2-f5f8d12e01a8", 39140);
        // the lines git-annex 10.20230126 appended to /etc/tor/torrc (reference git-annex-p2p.md §4.2)
        assertThat(c.torrcLines()).isEqualTo("\n"
                + "HiddenServiceDir /var/lib/tor/tor-annex_0_62824c8f-daf0-4533-afb2-f5f8d12e01a8\n"
                + "HiddenServicePort 39140 unix:/var/lib/tor-annex/0_62824c8f-daf0-4533-afb2-f5f8d12e01a8/s\n");
        assertThat(c.socketFile().toString()).isEqualTo("/var/lib/tor-annex/0_62824c8f-daf0-4533-afb2-f5f8d12e01a8/s");
    }

    @Test
    void refusesTextThatWouldInjectTorrcLines() {
        assertThatThrownBy(() -> new SystemTorConfig(1000, "u\nControlPort 9051", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SystemTorConfig(1000, "uuid", 70000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theUidIsTheRepositoryTopsOwner() throws Exception {
        // "/" belongs to root on every Linux, whoever runs the test
        SystemTorConfig c = SystemTorConfig.forRepositoryAt(Path.of("/"), "62824c8f-daf0-4533-afb2-f5f8d12e01a8", 39140);
        assertThat(c.uid()).isZero();
        assertThatThrownBy(() -> SystemTorConfig.forRepositoryAt(Path.of("/"), "u\nControlPort 9051", 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
