package org.annexp2p.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a client command tells the user about its connection: each thing once, and the real reason (the rules
 * themselves are tested in session: PeerSessionTest, GivenTokenTest).
 */
class ClientMessagesTest {
    static final String KEY = "SHA256E-s10--0000000000000000000000000000000000000000000000000000000000000000";

    @RegisterExtension
    final CapturedStderr err = new CapturedStderr();

    @Test
    void aGetWithoutTokenFailsBeforeConnecting() throws Exception {
        assertThat(System.getenv("GIT_ANNEX_P2P_AUTHTOKEN")).as("this test runs without a token in the environment").isNull();
        try (ServerSocket peer = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
            String address = "tcp://127.0.0.1:" + peer.getLocalPort();
            assertThat(Main.run("get", "--address", address, KEY, "out")).isEqualTo(2);
            assertThat(err.text()).isEqualTo("annex-p2p: no auth token for " + address
                    + ": set GIT_ANNEX_P2P_AUTHTOKEN (from the server's `annex-p2p token`), or pass --token\n");
            peer.setSoTimeout(200);
            assertThatThrownBy(peer::accept).as("nobody dialed").isInstanceOf(SocketTimeoutException.class);
        }
    }
}
