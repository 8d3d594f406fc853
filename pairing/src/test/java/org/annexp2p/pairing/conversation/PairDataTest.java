package org.annexp2p.pairing.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where the other repository is, worded once for `pair --lan` and the page. */
class PairDataTest {
    @Test
    void whereIsUserAtHostColonPathAsTheOtherSideToldIt() {
        PairData data = new PairData("laptop", "alice", "/home/alice/annex", "f6a9e9b6-2b5e-4a8d-9d7f-0d3c2a4b5c6d",
                new byte[] {1}, List.of(new InetSocketAddress("10.0.0.2", 4242)));
        assertThat(data.where()).isEqualTo("alice@laptop:/home/alice/annex");
    }
}
