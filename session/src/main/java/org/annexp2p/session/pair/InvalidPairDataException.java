package org.annexp2p.session.pair;

import java.io.IOException;

/** The other side sent something that is not pair data; the message says what, as git-annex's wording starts. */
final class InvalidPairDataException extends IOException {
    private static final long serialVersionUID = 1L;

    InvalidPairDataException(String why) {
        super("Failed receiving data from pair: " + why);
    }
}
