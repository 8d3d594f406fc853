package org.annexp2p.session.plugin.onion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import org.annexp2p.session.plugin.BadUsageException;
import org.annexp2p.tor.TorOptions;
import org.junit.jupiter.api.Test;

/** Where the plugin finds tor's SOCKS port: the one place that reads --tor-socks and its variable. */
class OnionPluginTest {

    @Test
    void theGivenSocksPortWins() {
        assertThat(new OnionPlugin("127.0.0.1:9150").socks()).isEqualTo(new InetSocketAddress("127.0.0.1", 9150));
    }

    @Test
    void aBadSocksPortIsBadUsageNamingWhatWasGiven() {
        assertThatThrownBy(() -> new OnionPlugin("localhost").socks()).isInstanceOf(BadUsageException.class)
                .hasMessageStartingWith("bad tor SOCKS address localhost (expected HOST:PORT)");
    }

    @Test
    void withoutOptionOrVariableItIsWhereGitAnnexLooks() {
        String variable = System.getenv(TorOptions.ENV_SOCKS);
        InetSocketAddress expected = variable == null || variable.isBlank() ? OnionPlugin.GIT_ANNEX_SOCKS
                : new OnionPlugin(variable).socks();
        assertThat(new OnionPlugin(null).socks()).isEqualTo(expected);
    }
}
