package org.annexp2p.cli.wormhole;

import static org.assertj.core.api.Assertions.assertThat;

import org.annexp2p.wormhole.WormholeOptions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The sender's "please run" line carries the servers the receiver must use to meet it. */
class RelayOptionsTest {

    static RelayOptions parsed(String... args) {
        RelayOptions o = new RelayOptions();
        new CommandLine(o).parseArgs(args);
        return o;
    }

    @Test
    void aChosenServerIsSpelledOutForTheOtherSide() {
        assertThat(parsed("--relay-url", "ws://127.0.0.1:4000/v1").forTheOtherSide())
                .startsWith(" --relay-url ws://127.0.0.1:4000/v1");
        assertThat(parsed("--relay-url", "ws://127.0.0.1:4000/v1", "--transit-helper", "tcp:127.0.0.1:4001").forTheOtherSide())
                .isEqualTo(" --relay-url ws://127.0.0.1:4000/v1 --transit-helper tcp:127.0.0.1:4001");
    }

    @Test
    void thePublicServersNeedNoOptions() {
        assertThat(parsed("--relay-url", WormholeOptions.DEFAULT_RELAY_URL.toString(),
                "--transit-helper", RelayOptions.DEFAULT_TRANSIT_HELPER).forTheOtherSide()).isEmpty();
    }
}
