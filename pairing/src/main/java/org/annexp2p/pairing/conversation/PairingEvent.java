package org.annexp2p.pairing.conversation;

import java.net.InetSocketAddress;

/** What happens to a conversation: a datagram arrives, or time passes. Both carry the current time. */
sealed interface PairingEvent {

    long nowMillis();

    record Received(InetSocketAddress from, byte[] payload, long nowMillis) implements PairingEvent {
        public Received {
            payload = payload.clone();
        }
    }

    record Tick(long nowMillis) implements PairingEvent {
    }
}
