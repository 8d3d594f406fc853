package org.annexp2p.http.server;

import io.vavr.control.Option;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.repository.Repository;

/** The repositories a server serves, found by the UUID in a request's path. */
@FunctionalInterface
public interface ServedRepositories {
    Option<Repository> find(Uuid uuid);

    static ServedRepositories single(Repository repository) {
        return uuid -> uuid.equals(repository.uuid()) ? Option.some(repository) : Option.none();
    }
}
