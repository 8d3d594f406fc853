package org.annexp2p.pairing.conversation;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The three stages of a pairing conversation (git-annex's PairReq / PairAck / PairDone).
 *
 * <p>{@code session} (16 bytes, hex) is chosen by the requester and ties the stages together;
 * each side's {@code contribution} (hex) is its ephemeral X25519 public key, and the auth token is derived from the
 * secret, both contributions and the X25519 result, so neither side alone chooses it and an eavesdropper cannot
 * compute it (see {@link EphemeralKey}).
 */
sealed interface PairMessage {

    String session();

    record Request(String session, PairData data, String contribution) implements PairMessage {
        public Request {
            requireHex("session", session, 32);
            Objects.requireNonNull(data, "data");
            requireHex("contribution", contribution, 64);
        }
    }

    record Acknowledge(String session, PairData data, String contribution) implements PairMessage {
        public Acknowledge {
            requireHex("session", session, 32);
            Objects.requireNonNull(data, "data");
            requireHex("contribution", contribution, 64);
        }
    }

    /** Echoes the acknowledger's fresh contribution, so an old Done can never complete a new conversation. */
    record Done(String session, String acknowledgerContribution) implements PairMessage {
        public Done {
            requireHex("session", session, 32);
            requireHex("acknowledger contribution", acknowledgerContribution, 64);
        }
    }

    private static void requireHex(String field, String value, int length) {
        Objects.requireNonNull(value, field);
        if (value.length() != length || !Hex.SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " must be " + length + " lowercase hex characters");
        }
    }

    /** Holder so the pattern is compiled once (interfaces cannot have private static fields). */
    final class Hex {
        static final Pattern SHAPE = Pattern.compile("[0-9a-f]*");

        private Hex() {
        }
    }
}
