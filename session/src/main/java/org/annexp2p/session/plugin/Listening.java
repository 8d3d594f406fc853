package org.annexp2p.session.plugin;

import java.util.function.Consumer;
import org.annexp2p.repository.AnnexRepository;

/**
 * What a plugin may use while setting up to accept peers.
 *
 * @param repository the repository served (its creds directory holds keys such as the TLS identity)
 * @param notices one-line notes for the server's log (e.g. the address with its pin that clients must use)
 */
public record Listening(AnnexRepository repository, Consumer<String> notices) {}
