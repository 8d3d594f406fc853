package org.annexp2p.session.plugin;

import org.annexp2p.protocol.wire.AuthToken;

/** How a dialed peer expects the conversation to open. */
public sealed interface Greeting {

    /** We send AUTH with our UUID and this token (servers reached over a network). */
    record Token(AuthToken token) implements Greeting {}

    /** The peer announces itself with AUTH-SUCCESS unasked (a started {@code git-annex-shell p2pstdio}). */
    record Announced() implements Greeting {}
}
