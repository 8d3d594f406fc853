package org.annexp2p.session.pair;

import java.io.IOException;

/**
 * A pairing exchange that did not complete; nothing was stored. {@link #step} says where it stopped, the cause
 * (if any) why; a front end words it for its user.
 */
public final class PairExchangeException extends IOException {
    private static final long serialVersionUID = 1L;

    public enum Step {
        /** Our pair data did not go out (or our code was never allocated). */
        SENDING,
        /** Theirs did not come in, or came in as something other than a file. */
        RECEIVING,
        /** The code given for the other side is our own. */
        OWN_CODE
    }

    private final Step step;

    PairExchangeException(Step step, String detail, Throwable cause) {
        super(detail, cause);
        this.step = step;
    }

    public Step step() {
        return step;
    }
}
