package org.annexp2p.wormhole;

import org.annexp2p.wormhole.transfer.AppMessage;

/** What happens when the user rejects the verifier: tell the peer, as the Python CLI does, then stop. */
final class Verification {

    static final String REJECTED = "verification rejected, abandoning transfer";

    private Verification() {
    }

    static void check(Session session, boolean accepted) throws WormholeException {
        if (!accepted) {
            session.send(new AppMessage.Error(REJECTED));
            throw new TransferException(REJECTED);
        }
    }
}
