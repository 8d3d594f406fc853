package org.annexp2p.http.server;

import io.vavr.control.Either;
import org.annexp2p.http.wire.Access;
import org.annexp2p.http.wire.Refusal;
import org.annexp2p.protocol.conversation.ServerMode;

/**
 * What one request's credentials (or their absence) allow, decided before anything touches a repository; the
 * rules are git-annex p2phttp's. {@link #allow} gives the mode the protocol server then runs in, or the refusal:
 * 401 (with the Basic challenge) where logging in could help, 403 where it could not.
 */
public sealed interface Grant {

    Either<Refusal, ServerMode> allow(Access access);

    /** No unauthenticated access is configured and no valid credentials came: log in. */
    record LogInFirst() implements Grant {
        @Override
        public Either<Refusal, ServerMode> allow(Access access) {
            return Either.left(Refusals.AUTHENTICATE);
        }
    }

    /**
     * A mode, and whether locking is allowed beyond it (unauthenticated readers may lock unless --unauth-nolocking)
     * and whether credentials could unlock more.
     */
    record Mode(ServerMode mode, boolean unauthenticatedLocking, boolean authenticationAllowed) implements Grant {
        @Override
        public Either<Refusal, ServerMode> allow(Access access) {
            if (mode == ServerMode.READ_WRITE) {
                return Either.right(mode);
            }
            if (access == Access.LOCK && unauthenticatedLocking) {
                return Either.right(ServerMode.READ_ONLY);
            }
            boolean allowed = mode == ServerMode.APPEND_ONLY ? access != Access.REMOVE : access == Access.READ;
            if (allowed) {
                return Either.right(mode);
            }
            return Either.left(authenticationAllowed ? Refusals.AUTHENTICATE : Refusals.FORBIDDEN);
        }
    }
}
