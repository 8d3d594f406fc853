package org.annexp2p.tor;

import java.io.IOException;
import org.annexp2p.transports.Connection;

/**
 * What {@link TorSession#measure} does on the connection to our own onion once SOCKS succeeded, e.g. send
 * AUTH with no token and expect AUTH-FAILURE, as git-annex's enable-tor does. Throwing counts as a failed
 * attempt; the probe tries again until its deadline.
 */
@FunctionalInterface
interface SelfCheck {

    /** Only the SOCKS connect itself counts. */
    SelfCheck SOCKS_ONLY = c -> { };

    void check(Connection connection) throws IOException;
}
