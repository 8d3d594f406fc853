package org.annexp2p.session.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import org.annexp2p.session.plugin.MalformedAddressException;
import org.junit.jupiter.api.Test;

/** The URL git hands git-remote-p2p-annex, without its p2p-annex:: and checked as any such address. */
class NetworkRemoteTest {

    @Test
    void gitsUrlGetsItsSchemeBack() throws IOException {
        assertThat(NetworkRemote.address(List.of("origin", "testnet:127.0.0.1:4242"))).isEqualTo("p2p-annex::testnet:127.0.0.1:4242");
    }

    @Test
    void withoutAUrlTheRemoteIsNotConfigured() {
        assertThatThrownBy(() -> NetworkRemote.address(List.of("origin"))).isInstanceOf(IOException.class)
                .hasMessage("remote address not configured");
    }

    @Test
    void anAddressTheHelperWouldReadAsAnOptionIsRefused() {
        assertThatThrownBy(() -> NetworkRemote.address(List.of("origin", "testnet:--help")))
                .isInstanceOf(MalformedAddressException.class);
    }
}
