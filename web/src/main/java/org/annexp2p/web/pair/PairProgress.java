package org.annexp2p.web.pair;

import java.util.LinkedHashMap;
import java.util.Map;
import org.annexp2p.session.pair.PairState;

/** A {@link PairState} as the page's {@code pair.state} event: a {@code state} word and its details. */
final class PairProgress {
    private PairProgress() {
    }

    static Map<String, Object> of(PairState state) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (state instanceof PairState.Allocating) {
            fields.put("state", "allocating");
        } else if (state instanceof PairState.CodeAllocated c) {
            fields.put("state", "code");
            fields.put("code", c.code());
        } else if (state instanceof PairState.WaitingForPeer) {
            fields.put("state", "waiting");
        } else if (state instanceof PairState.Linking l) {
            fields.put("state", "linking");
            fields.put("tries", l.tries());
        } else if (state instanceof PairState.Linked l) {
            fields.put("state", "linked");
            fields.put("peer", l.peer());
            fields.put("remote", l.remote());
        } else if (state instanceof PairState.Failed f) {
            fields.put("state", "failed");
            fields.put("reason", f.reason());
        }
        return fields;
    }
}
