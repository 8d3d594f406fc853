package org.annexp2p.session.plugin;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.repository.Repository;

/**
 * What a plugin may use while dialing.
 *
 * @param repository the repository we act for (its creds may hold the peer's token)
 * @param token a token the user gave (option or environment), which wins over any stored one
 * @param timeout the user's bound on connecting and answering together; empty for the plugin's own defaults
 * @param notices where a plugin says what it is waiting for (e.g. "retrying for up to 90 s"), one line each
 */
public record Dialing(Repository repository, Optional<AuthToken> token, Optional<Duration> timeout,
        Consumer<String> notices) {}
