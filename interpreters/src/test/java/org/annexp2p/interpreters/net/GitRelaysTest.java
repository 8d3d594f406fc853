package org.annexp2p.interpreters.net;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The git remote helper's relay names what the peer sent instead of DATA, but never shows a token it held. */
class GitRelaysTest {
    static final String TOKEN = "d6f1c0a8b9e27f3c4a5b6d7e8f90a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8";

    @Test
    void anAuthSentInsteadOfDataIsNotQuotedInTheError() {
        byte[] peer = ("AUTH 0f0e9c4a-7f3b-4d51-a2c6-9b1e8d7c6a55 " + TOKEN + "\n").getBytes(StandardCharsets.US_ASCII);
        GitRelays relays = new GitRelays(null, InputStream.nullInputStream(), new ByteArrayOutputStream());
        assertThatThrownBy(() -> relays.relay(new WireReader(new ByteArrayInputStream(peer)),
                        new WireWriter(new ByteArrayOutputStream())))
                .hasMessageContaining("expected DATA or CONNECTDONE from the peer, got: AUTH")
                .hasMessageNotContaining(TOKEN);
    }
}
