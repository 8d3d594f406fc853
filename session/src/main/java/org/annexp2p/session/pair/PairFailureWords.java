package org.annexp2p.session.pair;

import java.util.function.Function;

/**
 * A failed pairing in one line, in {@code p2p --pair}'s terms, for every front end: {@code pair} on the terminal and
 * the page. Each front end words the underlying failures its own way (the terminal escapes what a peer said).
 */
public final class PairFailureWords {
    private PairFailureWords() {
    }

    /** {@code e} in words, the failures under it worded by {@code words}. */
    public static String of(Exception e, Function<Throwable, String> words) {
        if (e instanceof PairExchangeException p) {
            String why = p.getCause() != null ? words.apply(p.getCause()) : p.getMessage();
            return switch (p.step()) {
                case OWN_CODE -> "that is this repository's own code; enter the other repository's";
                case SENDING -> "Failed sending data to pair: " + why;
                case RECEIVING -> "Failed receiving data from pair: " + why;
            };
        }
        if (e instanceof LinkRounds.Exhausted x) {
            return "Failed linking to pair: " + x.last().map(words).orElse("no address");
        }
        return words.apply(e);
    }

    /** As {@link #of(Exception, Function)}, each failure by the first line of its message, for the page. */
    static String of(Exception e) {
        return of(e, PairFailureWords::message);
    }

    private static String message(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? "pairing failed; try again with new codes" : m.strip().lines().findFirst().orElse(m);
    }
}
