package org.annexp2p.session.plugin.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.annexp2p.repository.creds.CredsDir;
import org.annexp2p.session.plugin.MalformedAddressException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** How {@code p2p-annex::} addresses are read, and what they may not hold because a helper runs with them. */
class NetworkAddressTest {

    @Test
    void theNetworkNameEndsAtTheFirstColonAndTheAddressKeepsItsOwn() {
        NetworkAddress a = NetworkAddress.parse("p2p-annex::testnet:127.0.0.1:4242");
        assertThat(a.netName()).isEqualTo("testnet");
        assertThat(a.address()).isEqualTo("127.0.0.1:4242");
        assertThat(a.helper()).isEqualTo("git-annex-p2p-testnet");
        assertThat(a).hasToString("p2p-annex::testnet:127.0.0.1:4242");
    }

    @Test
    void theTokenFileIsNamedAsGitAnnexNamesIt() {
        NetworkAddress a = NetworkAddress.parse("p2p-annex::testnet:127.0.0.1:4242");
        assertThat(CredsDir.escapedName(a.credsName())).isEqualTo("testnet%3A127%2E0%2E0%2E1%3A4242");
    }

    @ParameterizedTest
    @ValueSource(strings = {"p2p-annex::testnet", "p2p-annex::testnet:", "p2p-annex:::addr", "p2p-annex::../x:addr",
            "p2p-annex::a b:addr", "p2p-annex::net/x:addr", "p2p-annex::testnet:-o", "p2p-annex::testnet:--help",
            "p2p-annex::testnet:address", "p2p-annex::testnet:a\nb", "p2p-annex::testnet:a\u0000b",
            "p2p-annex::testnet:a\u001b[2Jb", "p2p-annex::testnet:a\u0085b"})
    void addressesAHelperCouldMisreadAreRefusedInOneLine(String written) {
        assertThatThrownBy(() -> NetworkAddress.parse(written)).isInstanceOf(MalformedAddressException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("\u001b").doesNotContain("\u0000"));
    }

    @Test
    void anotherSchemeIsNotRead() {
        assertThatThrownBy(() -> NetworkAddress.parse("tor-annex::x.onion:5")).isInstanceOf(MalformedAddressException.class);
    }
}
