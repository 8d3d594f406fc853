package org.annexp2p.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Optional;
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
        assertThat(plan.warning().isPresent()).as("warned: %s", plan.warning()).isEqualTo(warned);
        assertThat(plan.bind()).doesNotContain("://");
        plan.warning().ifPresent(w -> assertThat(w).startsWith("annex-p2p: warning: serving plaintext " + listen)
                .contains("unencrypted").doesNotContain("\n"));
    }

    @ParameterizedTest(name = "{0} at {1} -> warned={2}")
    @CsvSource({
        "tcp://192.168.1.20:4242, 192.168.1.20, true",
        "tcp://myhost.lan:4242,   10.0.0.7,     true",
        "tcp://127.0.0.1:4242,    127.0.0.1,    false",
        "tcp://[::1]:4242,        ::1,          false",
        "tcp://localhost:4242,    127.0.0.1,    false",
    })
    void aClientDialingPlaintextOffLoopbackIsWarned(String address, String host, boolean warned) throws Exception {
        Optional<String> warning = PlaintextWarning.forClient(address, InetAddress.getByName(host));
        assertThat(warning.isPresent()).isEqualTo(warned);
        warning.ifPresent(w -> assertThat(w).isEqualTo("annex-p2p: warning: " + address + " is plaintext: the token and data "
                + "cross the network unencrypted (ask for the server's tls:// address)"));
    }
}
