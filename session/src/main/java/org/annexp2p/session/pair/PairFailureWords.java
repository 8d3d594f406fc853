package org.annexp2p.session.pair;

/** A failed pairing in one line for a front end that shows words (the page), in {@code p2p --pair}'s terms. */
final class PairFailureWords {
    private PairFailureWords() {
    }

    static String of(Exception e) {
        if (e instanceof PairExchangeException p) {
            String why = p.getCause() != null ? message(p.getCause()) : p.getMessage();
            return switch (p.step()) {
                case OWN_CODE -> "that is this repository's own code; enter the other repository's";
                case SENDING -> "Failed sending data to pair: " + why;
                case RECEIVING -> "Failed receiving data from pair: " + why;
            };
        }
        if (e instanceof LinkRounds.Exhausted x) {
            return "Failed linking to pair: " + x.last().map(PairFailureWords::message).orElse("no address");
        }
        return message(e);
    }

    private static String message(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? "pairing failed; try again with new codes" : m.strip().lines().findFirst().orElse(m);
    }
}
