package org.annexp2p.session.plugin;

import java.util.Optional;
import org.annexp2p.transports.Connection;

/**
 * A peer reached by a plugin.
 *
 * @param connection the open connection; closing it releases everything the plugin opened for it
 * @param greeting how to open the conversation
 * @param deadline when the peer must have answered the greeting; empty for none (a command may be asking the user
 *     for a password)
 * @param overNetwork whether we dialed a network address (the peer "accepted the connection") rather than started a
 *     command (it "was started"): only the wording of a missed deadline depends on it
 */
public record Dialed(Connection connection, Greeting greeting, Optional<HandshakeDeadline> deadline, boolean overNetwork) {}
