package org.annexp2p.session.pair;

import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.repository.creds.TokenGenerator;

/**
 * The two tokens a pairing makes of the halves the sides exchanged. Both sides compute the same two: ours+theirs
 * is what we accept, theirs+ours what we present, so each accepts exactly what the other presents.
 */
public record PairTokens(AuthToken accept, AuthToken present) {

    /** Our half, fresh for each pairing. */
    public static AuthToken freshHalf() {
        return new TokenGenerator().generate(PairData.HALF_LENGTH);
    }

    public static PairTokens of(AuthToken ourHalf, AuthToken theirHalf) {
        return new PairTokens(join(ourHalf, theirHalf), join(theirHalf, ourHalf));
    }

    private static AuthToken join(AuthToken first, AuthToken second) {
        return AuthToken.parse(first.reveal() + second.reveal())
                .getOrElseThrow(() -> new IllegalArgumentException("token halves make no token"));
    }
}
