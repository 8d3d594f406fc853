package org.annexp2p.session.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.session.plugin.MalformedAddressException;
import org.junit.jupiter.api.Test;

class LinkAddressTest {
    private static final String ONION = "lwkwvuvzt4g2gwkcom6wccjbqxzx427f66gog54tftaw2dp5oqmt6jqd.onion";

    @Test
    void theTokenIsWhatFollowsTheLastColon() {
        LinkAddress net = LinkAddress.parse("p2p-annex::testnet:127.0.0.1:4242:ABCdef123");
        assertThat(net.address()).isEqualTo("p2p-annex::testnet:127.0.0.1:4242");
        assertThat(net.token()).isEqualTo(AuthToken.parse("abcdef123").get());
        assertThat(net.toString()).doesNotContain("abcdef123");

        LinkAddress tor = LinkAddress.parse("tor-annex::" + ONION + ":5432:abc123");
        assertThat(tor.address()).isEqualTo("tor-annex::" + ONION + ":5432");
        assertThat(tor.token()).isEqualTo(AuthToken.parse("abc123").get());
        assertThat(LinkAddress.parse("tor-annex::" + ONION + ":5432").token()).isEqualTo(AuthToken.EMPTY);
    }

    @Test
    void aNetworkAddressWithoutATokenOrThatItsHelperWouldMisreadIsRefused() {
        for (String bad : new String[] {"p2p-annex::testnet:host", "p2p-annex::testnet:host:", "p2p-annex::testnet:abc",
            "p2p-annex::bad/name:x:abc", "p2p-annex::testnet:--help:abc", "p2p-annex::testnet:a\u001bb:abc"}) {
            assertThatThrownBy(() -> LinkAddress.parse(bad)).as(bad).isInstanceOf(MalformedAddressException.class);
        }
    }
}
