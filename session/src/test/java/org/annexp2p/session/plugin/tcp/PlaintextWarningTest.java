package org.annexp2p.session.plugin.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The plaintext warnings' words (the tcp plugin and the listen plan decide when they are said). */
class PlaintextWarningTest {

    @Test
    void theServerIsToldWhatCrossesTheNetworkAndHowToServeTls() {
        assertThat(PlaintextWarning.forServer("tcp://0.0.0.0:4242")).isEqualTo("annex-p2p: warning: serving plaintext "
                + "tcp://0.0.0.0:4242: tokens and data cross the network unencrypted (without tcp://, --listen serves TLS)");
    }

    @Test
    void theClientIsToldToAskForTheTlsAddress() {
        assertThat(PlaintextWarning.forClient("tcp://192.168.1.20:4242")).isEqualTo("annex-p2p: warning: "
                + "tcp://192.168.1.20:4242 is plaintext: the token and data cross the network unencrypted (ask for the "
                + "server's tls:// address)");
    }

    @Test
    void anAnnexHttpClientIsToldToUseHttps() {
        assertThat(PlaintextWarning.forClient("annex+http://192.168.1.20:9417/git-annex/")).isEqualTo("annex-p2p: "
                + "warning: annex+http://192.168.1.20:9417/git-annex/ is plaintext: credentials and data cross the network "
                + "unencrypted (use annex+https:// if the server offers it)");
    }
}
