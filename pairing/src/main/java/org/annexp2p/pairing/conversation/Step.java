package org.annexp2p.pairing.conversation;

import java.util.List;

/** The result of one transition. */
record Step(PairingState state, List<Output> outputs) {

    public Step {
        outputs = List.copyOf(outputs);
    }
}
