package org.annexp2p.interpreters.net;

import java.io.IOException;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.protocol.wire.Uuid;

/**
 * Decides whether a peer's AUTH token is allowed (implementations compare in constant time). A server's check may
 * also end the conversation instead of answering, with an {@link IOException}: when the peer may not go on even
 * with a good token (no connection slot is free), or its connection was closed while the answer was held back.
 */
@FunctionalInterface
public interface AuthCheck {
    /** For connections that were authenticated some other way (ssh), or self-checks that must refuse all. */
    AuthCheck REFUSE_ALL = (uuid, token) -> false;

    boolean allows(Uuid uuid, AuthToken token) throws IOException;
}
