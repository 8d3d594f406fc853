package org.annexp2p.http.server;

import io.vavr.control.Option;
import org.annexp2p.protocol.conversation.ServerMode;

/**
 * The server's authentication options, as {@code git annex p2phttp} has them: which mode requests without
 * (valid) credentials get, whether they may lock, and when credentials are checked at all — with
 * {@code --authenv} only over HTTPS, so that a password never crosses plain HTTP unless {@code --authenv-http}.
 */
public record AuthPolicy(Option<ServerMode> unauthenticated, boolean unauthenticatedLocking, boolean authEnv,
        boolean authEnvHttp, Users users) {

    /** The grant for one request; {@code credentials} is its Authorization header, if any. */
    public Grant grant(boolean secure, Option<String> credentials) {
        boolean checked = secure ? authEnv || authEnvHttp : authEnvHttp;
        if (checked && credentials.isDefined()) {
            Option<ServerMode> user = users.authenticate(credentials.get());
            if (user.isDefined()) {
                return new Grant.Mode(user.get(), false, false);
            }
            // As git-annex: bad credentials count as none, and logging in again cannot help.
            return anonymous(false);
        }
        return anonymous(authEnv || authEnvHttp);
    }

    private Grant anonymous(boolean canAuthenticate) {
        return unauthenticated.<Grant>map(m -> new Grant.Mode(m, unauthenticatedLocking,
                m != ServerMode.READ_WRITE && canAuthenticate)).getOrElse(Grant.LogInFirst::new);
    }
}
