package org.annexp2p.wormhole.mailbox;

import java.util.List;
import java.util.Optional;

/** What the mailbox server sends; unknown types are kept as {@link Unknown} and ignored. */
public sealed interface ServerMessage {

    /** First message on every connection. A non-empty {@code error} means the server refuses us. */
    record Welcome(Optional<String> motd, Optional<String> error, Optional<String> currentCliVersion) implements ServerMessage {
    }

    record Ack(Optional<String> id) implements ServerMessage {
    }

    record Allocated(String nameplate) implements ServerMessage {
    }

    record Claimed(String mailbox) implements ServerMessage {
    }

    record Released() implements ServerMessage {
    }

    record Closed() implements ServerMessage {
    }

    record Nameplates(List<String> nameplates) implements ServerMessage {
        public Nameplates {
            nameplates = List.copyOf(nameplates);
        }
    }

    /** A message in the open mailbox, from the peer or our own echo; {@code body} is already hex-decoded. */
    record Message(String side, String phase, byte[] body) implements ServerMessage {
        public Message {
            body = body.clone();
        }

        @Override
        public byte[] body() {
            return body.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Message m && m.side.equals(side) && m.phase.equals(phase) && java.util.Arrays.equals(m.body, body);
        }

        @Override
        public int hashCode() {
            return side.hashCode() * 31 + phase.hashCode();
        }

        @Override
        public String toString() {
            return "Message[side=" + side + ", phase=" + phase + ", " + body.length + " bytes]";
        }
    }

    /** The server rejected a command; {@code error} is its exact string, {@code command} the rejected type. */
    record Error(String error, String command) implements ServerMessage {
    }

    record Pong(long pong) implements ServerMessage {
    }

    record Unknown(String type) implements ServerMessage {
    }
}
