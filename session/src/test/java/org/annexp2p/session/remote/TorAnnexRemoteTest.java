package org.annexp2p.session.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.annexp2p.protocol.wire.Service;
import org.annexp2p.tor.onion.TorAnnexAddress;
import org.junit.jupiter.api.Test;

/** git's side (git passes the URL without its "tor-annex::") of the remote helper: the URL it passes, and the lines before the peer takes over. */
class TorAnnexRemoteTest {
    static final String ONION = "lwkwvuvzt4g2gwkcom6wccjbqxzx427f66gog54tftaw2dp5oqmt6jqd.onion";

    static ByteArrayInputStream git(String lines) {
        return new ByteArrayInputStream(lines.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void capabilitiesThenConnectAnswersAsGitExpectsAndLeavesGitsOwnProtocolUnread() throws IOException {
        ByteArrayInputStream in = git("capabilities\nconnect git-upload-pack\n0032want deadbeef\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThat(TorAnnexRemote.awaitConnect(in, out)).contains(Service.UPLOAD_PACK);
        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("connect\n\n\n");
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("0032want deadbeef\n");
    }

    @Test
    void theReceivePackServiceIsRecognised() throws IOException {
        assertThat(TorAnnexRemote.awaitConnect(git("connect git-receive-pack\n"), new ByteArrayOutputStream()))
                .contains(Service.RECEIVE_PACK);
    }

    @Test
    void aBlankLineOrTheEndOfInputEndsTheConversationWithoutConnecting() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(TorAnnexRemote.awaitConnect(git("capabilities\n\nconnect git-upload-pack\n"), out)).isEmpty();
        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("connect\n\n");
        assertThat(TorAnnexRemote.awaitConnect(git(""), new ByteArrayOutputStream())).isEmpty();
    }

    @Test
    void anUnknownCommandOrServiceIsAProtocolError() {
        assertThatThrownBy(() -> TorAnnexRemote.awaitConnect(git("list\n"), new ByteArrayOutputStream()))
                .isInstanceOf(IOException.class).hasMessage("gitremote-helpers protocol error at list");
        assertThatThrownBy(() -> TorAnnexRemote.awaitConnect(git("connect git-archive\n"), new ByteArrayOutputStream()))
                .isInstanceOf(IOException.class).hasMessage("gitremote-helpers protocol error at connect git-archive");
    }

    @Test
    void theAddressIsTheLastPathSegmentOfTheUrlGitPasses() throws IOException {
        TorAnnexAddress address = TorAnnexRemote.address(List.of("origin", ONION + ":4242"));
        assertThat(address.port()).isEqualTo(4242);
        assertThat(address.format()).contains(ONION);
        assertThat(TorAnnexRemote.address(List.of("origin", "some/path/" + ONION + ":5"))).isEqualTo(
                TorAnnexAddress.parse("tor-annex::" + ONION + ":5"));
    }

    @Test
    void aMissingUrlOrPortIsSaidInOneLine() {
        assertThatThrownBy(() -> TorAnnexRemote.address(List.of("origin")))
                .isInstanceOf(IOException.class).hasMessage("remote address not configured");
        assertThatThrownBy(() -> TorAnnexRemote.address(List.of("origin", ONION)))
                .isInstanceOf(IOException.class).hasMessage("onion address must include port number");
    }

    @Test
    void outsideAnAnnexTheRemoteHasNoUuidToPresent() {
        assertThat(TorAnnexRemote.repository(Optional.of("/nonexistent/annex-p2p")).uuid().value()).isEmpty();
    }
}
