package org.annexp2p.pairing.conversation;

import java.util.Objects;

/**
 * What a successful pairing leaves each side with: the peer's self-description (its TLS public key and
 * addresses included) and the auth token both sides derived. Persisting it (git-annex creds files
 * {@code p2pauth}/{@code p2paddrs}) is the caller's job.
 */
public record PairingResult(PairData peer, AuthToken token) {

    public PairingResult {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(token, "token");
    }
}
