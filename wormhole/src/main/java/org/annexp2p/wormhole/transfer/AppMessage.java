package org.annexp2p.wormhole.transfer;

import java.util.Set;
import org.annexp2p.wormhole.transit.TransitHints;

/** The file-transfer application's messages, each one encrypted mailbox phase ("0", "1", ...). */
public sealed interface AppMessage {

    record Transit(TransitHints hints) implements AppMessage {
    }

    record TextOffer(String message) implements AppMessage {
    }

    record FileOffer(String filename, long filesize) implements AppMessage {
    }

    /** Offered but not supported here; kept so the receiver can refuse it by name. */
    record DirectoryOffer(String dirname) implements AppMessage {
    }

    record MessageAck(String ack) implements AppMessage {
    }

    record FileAck(String ack) implements AppMessage {
    }

    /** The peer gives up; its text is shown to the user. */
    record Error(String error) implements AppMessage {
    }

    /** A message with no key we understand; the protocol says to ignore it. */
    record Ignored(Set<String> keys) implements AppMessage {
        public Ignored {
            keys = Set.copyOf(keys);
        }
    }
}
