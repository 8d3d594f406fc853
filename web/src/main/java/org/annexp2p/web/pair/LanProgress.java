package org.annexp2p.web.pair;

import static org.annexp2p.web.pair.PairProgress.fields;

import java.util.Map;
import org.annexp2p.session.lan.LanState;
import org.annexp2p.web.tor.QrImage;

/** A {@link LanState} as the page's {@code pair.lan} event: a {@code state} word and its details. */
final class LanProgress implements LanState.Visitor<Map<String, Object>> {
    private LanProgress() {
    }

    static Map<String, Object> of(LanState state) {
        return state.accept(new LanProgress());
    }

    @Override
    public Map<String, Object> starting(LanState.Starting starting) {
        return fields("starting");
    }

    @Override
    public Map<String, Object> looking(LanState.Looking l) {
        return fields("looking", "what", l.what());
    }

    @Override
    public Map<String, Object> showingQr(LanState.ShowingQr q) {
        return fields("qr", "payload", q.payload(), "qr", QrImage.dataUrl(q.payload()), "findable", q.findable());
    }

    @Override
    public Map<String, Object> waitingAt(LanState.WaitingAt w) {
        return fields("waiting-at", "address", w.address());
    }

    @Override
    public Map<String, Object> nearby(LanState.Nearby n) {
        return fields("nearby", "devices", n.devices().stream().map(d -> Map.of("address", d.address(), "id", d.id())).toList());
    }

    @Override
    public Map<String, Object> askingForPayload(LanState.AskingForPayload asking) {
        return fields("asking");
    }

    @Override
    public Map<String, Object> confirmed(LanState.Confirmed c) {
        return fields("confirmed", "address", c.address());
    }

    @Override
    public Map<String, Object> pairing(LanState.Pairing pairing) {
        return fields("pairing");
    }

    @Override
    public Map<String, Object> paired(LanState.Paired p) {
        return fields("paired", "peer", p.peer(), "description", p.description(), "key", p.key());
    }

    @Override
    public Map<String, Object> failed(LanState.Failed f) {
        return fields("failed", "reason", f.reason(), "advice", f.advice());
    }
}
