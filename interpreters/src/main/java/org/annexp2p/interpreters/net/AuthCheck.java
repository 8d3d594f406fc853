package org.annexp2p.interpreters.net;

import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.protocol.wire.Uuid;

/** Decides whether a peer's AUTH token is allowed (implementations compare in constant time). */
@FunctionalInterface
public interface AuthCheck {
    /** For connections that were authenticated some other way (ssh), or self-checks that must refuse all. */
    AuthCheck REFUSE_ALL = (uuid, token) -> false;

    boolean allows(Uuid uuid, AuthToken token);
}
