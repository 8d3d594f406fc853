package org.annexp2p.http.server;

import org.annexp2p.http.wire.Refusal;

/** The refusals of authorization, and what their bodies say. */
final class Refusals {
    private Refusals() {}

    static final Refusal AUTHENTICATE = new Refusal(401, "authentication required");
    static final Refusal FORBIDDEN = new Refusal(403, "forbidden");
    static final Refusal BUSY = new Refusal(503, "too many requests at once; try again");

    static final String CHALLENGE = "Basic realm=\"git-annex\", charset=\"UTF-8\"";
}
