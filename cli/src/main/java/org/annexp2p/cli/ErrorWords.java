package org.annexp2p.cli;

import org.annexp2p.protocol.wire.ShownText;
import org.annexp2p.session.PeerFailure;
import org.annexp2p.transports.FailureWords;

/** What went wrong, in words a user reads on one line ({@link FailureWords}), made safe to print on a terminal. */
public final class ErrorWords {
    private ErrorWords() {
    }

    /** {@code e} in words, on one line and safe to print. */
    public static String of(Throwable e) {
        return ShownText.of(FailureWords.of(e, ErrorWords::peerFailure));
    }

    /** A peer session's failure: what the peer chose to say is shown escaped, never obeyed by the terminal. */
    private static String peerFailure(Throwable t) {
        return t instanceof PeerFailure f
                ? ofReason(f.worded(ShownText::ofWire, reason -> ShownText.of(ofReason(reason))))
                : null;
    }

    /** A failure reason that may be a bare exception class name, or end in one, in words. */
    static String ofReason(String reason) {
        return FailureWords.ofReason(reason);
    }
}
