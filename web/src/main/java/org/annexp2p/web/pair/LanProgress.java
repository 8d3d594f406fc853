package org.annexp2p.web.pair;

import java.util.LinkedHashMap;
import java.util.Map;
import org.annexp2p.session.lan.LanState;
import org.annexp2p.web.tor.QrImage;

/** A {@link LanState} as the page's {@code pair.lan} event: a {@code state} word and its details. */
final class LanProgress {
    private LanProgress() {
    }

    static Map<String, Object> of(LanState state) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (state instanceof LanState.Starting) {
            fields.put("state", "starting");
        } else if (state instanceof LanState.Looking l) {
            fields.put("state", "looking");
            fields.put("what", l.what());
        } else if (state instanceof LanState.ShowingQr q) {
            fields.put("state", "qr");
            fields.put("payload", q.payload());
            fields.put("qr", QrImage.dataUrl(q.payload()));
            fields.put("findable", q.findable());
        } else if (state instanceof LanState.WaitingAt w) {
            fields.put("state", "waiting-at");
            fields.put("address", w.address());
        } else if (state instanceof LanState.Nearby n) {
            fields.put("state", "nearby");
            fields.put("devices", n.devices().stream().map(d -> Map.of("address", d.address(), "id", d.id())).toList());
        } else if (state instanceof LanState.AskingForPayload) {
            fields.put("state", "asking");
        } else if (state instanceof LanState.Confirmed c) {
            fields.put("state", "confirmed");
            fields.put("address", c.address());
        } else if (state instanceof LanState.Pairing) {
            fields.put("state", "pairing");
        } else if (state instanceof LanState.Paired p) {
            fields.put("state", "paired");
            fields.put("peer", p.peer());
            fields.put("description", p.description());
            fields.put("key", p.key());
        } else if (state instanceof LanState.Failed f) {
            fields.put("state", "failed");
            fields.put("reason", f.reason());
            fields.put("advice", f.advice());
        }
        return fields;
    }
}
