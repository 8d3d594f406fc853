package org.annexp2p.pairing.conversation;

import java.net.InetSocketAddress;

/** What a transition asks the driver to do. */
sealed interface Output {

    record Send(InetSocketAddress to, byte[] payload) implements Output {
        public Send {
            payload = payload.clone();
        }

        @Override
        public byte[] payload() {
            return payload.clone();
        }
    }

    /** A line for the log; never contains the secret or the token. */
    record Note(String line) implements Output {
    }
}
