package org.annexp2p.session.plugin;

import io.vavr.control.Option;
import java.io.IOException;
import java.util.Optional;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.repository.creds.CredsDir;

/**
 * The auth token the user gave, and the one rule for which token a dial presents: {@code --token}, else
 * {@code $GIT_ANNEX_P2P_AUTHTOKEN}, else one the repository stored for that peer. Without any, no server would let
 * us in and the user would read that the peer refused a token they never gave: that is said before dialing.
 *
 * @param option the {@code --token} text, if given
 * @param environment the environment variable's text, if set
 */
public record GivenToken(Optional<String> option, Optional<String> environment) {

    /** Neither given. */
    public static final GivenToken NONE = new GivenToken(Optional.empty(), Optional.empty());

    /** {@code option} (may be null) and this process's environment. */
    public static GivenToken of(String option) {
        return new GivenToken(Optional.ofNullable(option),
                Optional.ofNullable(System.getenv(CredsDir.TOKEN_ENVIRONMENT_VARIABLE)));
    }

    /** {@code token} and nothing else, whatever the environment holds: the token an address carries (p2p --link). */
    public static GivenToken exactly(AuthToken token) {
        return new GivenToken(Optional.of(token.reveal()), Optional.empty());
    }

    /** The {@code --token} alone, for peers whose stored token wins over the environment's (lan://). */
    public Optional<AuthToken> fromOption() {
        return option.map(GivenToken::parsed);
    }

    /** Where a token the repository keeps for a peer is looked up, only when none was given. */
    @FunctionalInterface
    public interface Stored {
        Stored NONE = Option::none;

        Option<AuthToken> load() throws IOException;
    }

    /** The token to present to the peer at {@code address} (as the user wrote it), for which {@code stored} may hold one. */
    public AuthToken resolve(String address, Stored stored) throws IOException {
        Optional<String> given = option.or(() -> environment);
        if (given.isPresent()) {
            return parsed(given.get());
        }
        return stored.load().getOrElseThrow(() -> new BadUsageException("no auth token for " + address + ": set "
                + CredsDir.TOKEN_ENVIRONMENT_VARIABLE + " (from the server's `annex-p2p token`), or pass --token"));
    }

    /**
     * As git-annex's remote helper chooses: the environment's token, else the stored one, else none at all (the peer
     * then refuses us, and the helper says which variable to set).
     */
    public AuthToken forRemoteHelper(Stored stored) throws IOException {
        if (environment.isPresent()) {
            return AuthToken.parse(environment.get().trim()).getOrElseThrow(() -> new IOException(
                    CredsDir.TOKEN_ENVIRONMENT_VARIABLE + " holds something that is not a token"));
        }
        return stored.load().getOrElse(AuthToken.EMPTY);
    }

    private static AuthToken parsed(String text) {
        return AuthToken.parse(text.trim()).getOrElseThrow(
                () -> new BadUsageException("an auth token has only letters and digits"));
    }
}
