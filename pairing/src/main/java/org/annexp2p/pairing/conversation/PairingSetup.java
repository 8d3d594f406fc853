package org.annexp2p.pairing.conversation;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.annexp2p.pairing.secret.SharedSecret;
import org.annexp2p.pairing.tls.KeyFingerprint;

/**
 * Everything fixed for one conversation, randomness included, so that transitions stay pure.
 *
 * @param role whether we send the Request (and to {@code requestTargets}) or wait for one
 * @param session the session id we request with (hex, 16 bytes); unused by a responder
 * @param ephemeral our one-conversation X25519 key; its public half is our contribution towards the auth token
 * @param retransmit how long to wait for an answer before sending again
 * @param timeout how long the whole conversation may take
 * @param linger how long a requester that has sent Done keeps answering a repeated Acknowledge (its Done may be lost)
 * @param expectedPeerKey when pairing from a QR code: the only key the acknowledging peer may have; an
 *     Acknowledge carrying another key (someone else who saw the code) is ignored, and no Done is sent for it
 */
public record PairingSetup(Role role, PairData ours, SharedSecret secret, String session, EphemeralKey ephemeral,
        List<InetSocketAddress> requestTargets, Duration retransmit, Duration timeout, Duration linger,
        Optional<KeyFingerprint> expectedPeerKey) {

    public enum Role { REQUESTER, RESPONDER }

    public PairingSetup {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(ours, "ours");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(ephemeral, "ephemeral");
        requestTargets = List.copyOf(requestTargets);
        Objects.requireNonNull(expectedPeerKey, "expectedPeerKey");
        if (role == Role.REQUESTER && requestTargets.isEmpty()) {
            throw new IllegalArgumentException("a requester needs at least one address to send its request to");
        }
        if (retransmit.isNegative() || retransmit.isZero() || timeout.compareTo(retransmit) < 0 || linger.isNegative()) {
            throw new IllegalArgumentException("need 0 < retransmit <= timeout and linger >= 0");
        }
    }

    /** Our contribution as sent on the wire: the ephemeral public key. */
    public String contribution() {
        return ephemeral.publicHex();
    }
}
