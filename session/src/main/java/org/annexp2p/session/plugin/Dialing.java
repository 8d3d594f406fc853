package org.annexp2p.session.plugin;

import java.util.Optional;
import java.util.function.Consumer;
import org.annexp2p.repository.Repository;

/**
 * What a plugin may use while dialing.
 *
 * @param repository the repository we act for (its creds may hold the peer's token)
 * @param token the token the user gave (option or environment), which wins over any stored one
 * @param bound the user's bound on connecting and answering together (--timeout, running since the command
 *     began); empty for the plugin's own defaults
 * @param notices where a plugin says what it is waiting for (e.g. "retrying for up to 90 s"), one line each
 * @param verbose whether the user asked to see every step (--debug), not only the first of a kind
 */
public record Dialing(Repository repository, GivenToken token, Optional<HandshakeDeadline> bound,
        Consumer<String> notices, boolean verbose) {

    /** No token given, no bound, nothing said: for tests and for peers that announce themselves. */
    public static Dialing quietly(Repository repository) {
        return new Dialing(repository, GivenToken.NONE, Optional.empty(), line -> { }, false);
    }
}
