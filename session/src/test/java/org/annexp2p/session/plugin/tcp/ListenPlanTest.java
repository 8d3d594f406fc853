package org.annexp2p.session.plugin.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.annexp2p.session.plugin.MalformedAddressException;
import org.annexp2p.transports.tcp.TcpAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Whether serve --listen serves TLS, as a function of what was asked and where that is; and who is warned. */
class ListenPlanTest {

    @ParameterizedTest(name = "{0} ({1}) -> tls={2}, warned={3}")
    @CsvSource({
        // Off loopback: TLS unless plaintext is asked for by name, and then a warning.
        "0.0.0.0:4242,            0.0.0.0,      true,  false",
        "[::]:4242,               ::,           true,  false",
        "192.168.1.20:4242,       192.168.1.20, true,  false",
        "myhost.lan:4242,         10.0.0.7,     true,  false",
        "tcp://0.0.0.0:4242,      0.0.0.0,      false, true",
        "tcp://192.168.1.20:4242, 192.168.1.20, false, true",
        "tls://0.0.0.0:4242,      0.0.0.0,      true,  false",
        // On loopback: plaintext, as the demo and the tests use it, unless TLS is asked for by name.
        "127.0.0.1:4242,          127.0.0.1,    false, false",
        "127.0.0.2:0,             127.0.0.2,    false, false",
        "[::1]:4242,              ::1,          false, false",
        "localhost:4242,          127.0.0.1,    false, false",
        "tcp://127.0.0.1:4242,    127.0.0.1,    false, false",
        "tls://127.0.0.1:0,       127.0.0.1,    true,  false",
    })
    void tlsUnlessLoopbackOrAskedForPlaintext(String listen, String host, boolean tls, boolean warned) throws Exception {
        ListenPlan plan = ListenPlan.choose(listen, InetAddress.getByName(host));
        assertThat(plan.tls()).as("tls").isEqualTo(tls);
        assertThat(plan.plaintextOffLoopback()).as("warned").isEqualTo(warned);
        assertThat(plan.bind()).doesNotContain("://");
    }

    @Test
    void anAnnexHttpAddressIsPointedToP2pHttp() {
        assertThatThrownBy(() -> ListenPlan.choose("annex+http://127.0.0.1:9417/git-annex/"))
                .isInstanceOf(MalformedAddressException.class)
                .hasMessage("an annex+http address is served by `annex-p2p p2phttp`, not by --listen");
    }

    @Test
    void aMalformedListenAddressIsBadUsage() {
        assertThatThrownBy(() -> ListenPlan.choose("tcp://nowhere")).isInstanceOf(MalformedAddressException.class)
                .hasMessageContaining("invalid TCP address");
    }

    @ParameterizedTest(name = "{0} -> warned={1}")
    @CsvSource({
        "192.168.1.20:4242, true",
        "10.0.0.7:4242,     true",
        "127.0.0.1:4242,    false",
        "[::1]:4242,        false",
        "localhost:4242,    false",
        "nosuch.invalid:1,  false",
    })
    void aClientDialingPlaintextOffLoopbackIsWarned(String address, boolean warned) {
        // A name that does not resolve is not warned about: its dial fails in its own words.
        assertThat(TcpPlugin.offLoopback(TcpAddress.parse(address))).isEqualTo(warned);
    }
}
