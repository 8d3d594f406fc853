package org.annexp2p.wormhole;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** Which relay URLs `wormhole`, `pair` and the page accept as a mailbox server's. */
class WormholeOptionsTest {
    @Test
    void aMailboxServerIsReachedOverWebSocketOnly() {
        assertThat(WormholeOptions.isMailboxUrl(WormholeOptions.DEFAULT_RELAY_URL)).isTrue();
        assertThat(WormholeOptions.isMailboxUrl(URI.create("wss://relay.example:443/v1"))).isTrue();
        assertThat(WormholeOptions.isMailboxUrl(URI.create("http://relay.example:4000/v1"))).isFalse();
        assertThat(WormholeOptions.isMailboxUrl(URI.create("relay.example:4000"))).isFalse();
        assertThat(WormholeOptions.isMailboxUrl(URI.create("/v1"))).isFalse();
    }
}
