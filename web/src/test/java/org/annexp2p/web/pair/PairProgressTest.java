package org.annexp2p.web.pair;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.annexp2p.session.lan.LanState;
import org.annexp2p.session.pair.PairState;
import org.junit.jupiter.api.Test;

/** Every wormhole and LAN pairing state as the page's event: its word first, then its details in order. */
class PairProgressTest {

    @Test
    void eachWormholePairingStateHasItsWordAndDetails() {
        assertThat(PairProgress.of(new PairState.Allocating())).containsExactly(Map.entry("state", "allocating"));
        assertThat(PairProgress.of(new PairState.CodeAllocated("7-a-b")))
                .containsExactly(Map.entry("state", "code"), Map.entry("code", "7-a-b"));
        assertThat(PairProgress.of(new PairState.WaitingForPeer())).containsExactly(Map.entry("state", "waiting"));
        assertThat(PairProgress.of(new PairState.Linking(3))).containsExactly(Map.entry("state", "linking"), Map.entry("tries", 3));
        assertThat(PairProgress.of(new PairState.Linked("uuid", "peer1")))
                .containsExactly(Map.entry("state", "linked"), Map.entry("peer", "uuid"), Map.entry("remote", "peer1"));
        assertThat(PairProgress.of(new PairState.Failed("no")))
                .containsExactly(Map.entry("state", "failed"), Map.entry("reason", "no"));
    }

    @Test
    void eachLanPairingStateHasItsWordAndDetails() {
        assertThat(LanProgress.of(new LanState.Starting())).containsExactly(Map.entry("state", "starting"));
        assertThat(LanProgress.of(new LanState.Looking("the device", 20)))
                .containsExactly(Map.entry("state", "looking"), Map.entry("what", "the device"));
        assertThat(LanProgress.of(new LanState.ShowingQr("PAYLOAD", true))).containsOnlyKeys("state", "payload", "qr", "findable")
                .containsEntry("state", "qr").containsEntry("payload", "PAYLOAD").containsEntry("findable", true);
        assertThat((String) LanProgress.of(new LanState.ShowingQr("PAYLOAD", false)).get("qr")).startsWith("data:image/svg+xml;base64,");
        assertThat(LanProgress.of(new LanState.WaitingAt("10.0.0.2:5555")))
                .containsExactly(Map.entry("state", "waiting-at"), Map.entry("address", "10.0.0.2:5555"));
        assertThat(LanProgress.of(new LanState.Nearby(List.of(new LanState.Device("10.0.0.3", "d1")))))
                .containsExactly(Map.entry("state", "nearby"), Map.entry("devices", List.of(Map.of("address", "10.0.0.3", "id", "d1"))));
        assertThat(LanProgress.of(new LanState.AskingForPayload())).containsExactly(Map.entry("state", "asking"));
        assertThat(LanProgress.of(new LanState.Confirmed("10.0.0.3")))
                .containsExactly(Map.entry("state", "confirmed"), Map.entry("address", "10.0.0.3"));
        assertThat(LanProgress.of(new LanState.Pairing())).containsExactly(Map.entry("state", "pairing"));
        assertThat(LanProgress.of(new LanState.Paired("uuid", "me@host:/r", "ab12"))).containsExactly(Map.entry("state", "paired"),
                Map.entry("peer", "uuid"), Map.entry("description", "me@host:/r"), Map.entry("key", "ab12"));
        assertThat(LanProgress.of(new LanState.Failed("why", "try this")))
                .containsExactly(Map.entry("state", "failed"), Map.entry("reason", "why"), Map.entry("advice", "try this"));
    }
}
