package org.annexp2p.pairing.conversation;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Where a conversation stands. {@link Paired} and {@link Failed} are final; {@link Finishing} already has the
 * result but still answers a repeated Acknowledge until its linger time is over.
 */
public sealed interface PairingState {

    /** Requester: Request sent, waiting for an Acknowledge. */
    record Requesting(PairingSetup setup, long nextSendMillis, long deadlineMillis, Tally tally) implements PairingState {
    }

    /** Responder: waiting for a Request. */
    record Listening(PairingSetup setup, long deadlineMillis, Tally tally) implements PairingState {
    }

    /** Responder: Acknowledge sent to {@code peer}, waiting for Done. */
    record Acknowledging(PairingSetup setup, InetSocketAddress peer, PairMessage.Request request, long nextSendMillis,
            long deadlineMillis, Tally tally) implements PairingState {
    }

    /** Requester: Done sent; the result is final, repeated Acknowledges are answered until {@code lingerUntilMillis}. */
    record Finishing(PairingSetup setup, PairingResult result, PairMessage.Acknowledge acknowledge, long lingerUntilMillis) implements PairingState {
    }

    record Paired(PairingResult result) implements PairingState {
        public Paired {
            Objects.requireNonNull(result, "result");
        }
    }

    record Failed(String reason) implements PairingState {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Counts of datagrams we could not use, to explain a failure ("wrong secret?"). */
    record Tally(int badMac, int malformed, int otherSession, int wrongKey) {
        public static final Tally EMPTY = new Tally(0, 0, 0, 0);

        Tally with(MessageCodec.Problem problem) {
            return problem == MessageCodec.Problem.BAD_MAC
                    ? new Tally(badMac + 1, malformed, otherSession, wrongKey)
                    : problem == MessageCodec.Problem.NOT_PAIRING ? this : new Tally(badMac, malformed + 1, otherSession, wrongKey);
        }

        Tally withOtherSession() {
            return new Tally(badMac, malformed, otherSession + 1, wrongKey);
        }

        Tally withWrongKey() {
            return new Tally(badMac, malformed, otherSession, wrongKey + 1);
        }

        String explain() {
            StringBuilder s = new StringBuilder();
            if (badMac > 0) {
                s.append("; ").append(badMac).append(" pairing datagrams had a wrong MAC: the other side probably entered a different secret");
            }
            if (malformed > 0) {
                s.append("; ").append(malformed).append(" malformed pairing datagrams ignored");
            }
            if (wrongKey > 0) {
                s.append("; ").append(wrongKey).append(" acknowledgements came from a key other than the one in the QR code (ignored)");
            }
            if (otherSession > 0) {
                s.append("; ").append(otherSession).append(" datagrams from another pairing session ignored");
            }
            return s.toString();
        }
    }
}
