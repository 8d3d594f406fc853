package org.annexp2p.web.pair;

import java.util.LinkedHashMap;
import java.util.Map;
import org.annexp2p.session.pair.PairState;

/** A {@link PairState} as the page's {@code pair.state} event: a {@code state} word and its details. */
final class PairProgress implements PairState.Visitor<Map<String, Object>> {
    private PairProgress() {
    }

    static Map<String, Object> of(PairState state) {
        return state.accept(new PairProgress());
    }

    @Override
    public Map<String, Object> allocating(PairState.Allocating allocating) {
        return fields("allocating");
    }

    @Override
    public Map<String, Object> codeAllocated(PairState.CodeAllocated c) {
        return fields("code", "code", c.code());
    }

    @Override
    public Map<String, Object> waitingForPeer(PairState.WaitingForPeer waiting) {
        return fields("waiting");
    }

    @Override
    public Map<String, Object> linking(PairState.Linking l) {
        return fields("linking", "tries", l.tries());
    }

    @Override
    public Map<String, Object> linked(PairState.Linked l) {
        return fields("linked", "peer", l.peer(), "remote", l.remote());
    }

    @Override
    public Map<String, Object> failed(PairState.Failed f) {
        return fields("failed", "reason", f.reason());
    }

    /** The {@code state} word, then each detail's name and value, in the order given. */
    static Map<String, Object> fields(String state, Object... details) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("state", state);
        for (int i = 0; i < details.length; i += 2) {
            fields.put((String) details[i], details[i + 1]);
        }
        return fields;
    }
}
