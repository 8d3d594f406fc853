package org.annexp2p.cli;

import org.annexp2p.protocol.wire.ShownText;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.annexp2p.protocol.wire.WireText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A peer's ERROR text reaches the user in the one error line, shown escaped, never obeyed by the terminal. */
class PeerErrorTextTest {
    static final String KEY = "SHA256E-s10--0000000000000000000000000000000000000000000000000000000000000000";
    static final String HOSTILE = "\u001b]52;c;b3duZWQ=\u0007\u001b[2K\rannex-p2p: all good \u202etxt.exe\u0085 \u00e9";

    @RegisterExtension
    final CapturedStderr err = new CapturedStderr();

    @Test
    void aPeersErrorMessageIsShownEscaped() throws Exception {
        try (HandPlayedPeer peer = new HandPlayedPeer()) {
            CompletableFuture<String> asked = peer.next((request, in, out) -> {
                out.write(WireText.toBytes(WireText.ofUnicode("ERROR " + HOSTILE + "\n")));
                out.flush();
                return request;
            });
            int exit = Main.run("checkpresent", "--address", peer.address(), "--token", "abc", KEY);
            assertThat(exit).isEqualTo(100);
            assertThat(asked.get(60, TimeUnit.SECONDS)).isEqualTo("CHECKPRESENT " + KEY);
        }
        String printed = err.text();
        assertThat(printed).endsWith("\\x1b]52;c;b3duZWQ=\\x07\\x1b[2K\\x0dannex-p2p: all good \\u202etxt.exe\\x85 \u00e9\n");
        assertThat(printed.chars().filter(c -> ShownText.isControl((char) c) && c != '\n')).isEmpty();
        assertThat(printed.lines()).hasSize(1);
    }
}
