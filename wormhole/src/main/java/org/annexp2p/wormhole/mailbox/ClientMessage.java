package org.annexp2p.wormhole.mailbox;

import java.util.Optional;

/** Commands a client sends to the mailbox server. */
sealed interface ClientMessage {

    record Bind(String appId, String side) implements ClientMessage {
    }

    record ListNameplates() implements ClientMessage {
    }

    record Allocate() implements ClientMessage {
    }

    record Claim(String nameplate) implements ClientMessage {
    }

    record Release(Optional<String> nameplate) implements ClientMessage {
    }

    record Open(String mailbox) implements ClientMessage {
    }

    record Add(String phase, byte[] body) implements ClientMessage {
        public Add {
            body = body.clone();
        }

        @Override
        public byte[] body() {
            return body.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Add a && a.phase.equals(phase) && java.util.Arrays.equals(a.body, body);
        }

        @Override
        public int hashCode() {
            return phase.hashCode();
        }

        @Override
        public String toString() {
            return "Add[phase=" + phase + ", " + body.length + " bytes]";
        }
    }

    /** Moods the server records: happy, lonely, scary, errory. */
    record Close(String mailbox, String mood) implements ClientMessage {
    }

    record Ping(long ping) implements ClientMessage {
    }
}
