package org.annexp2p.web.server;

/** What {@link Gate} decides about a request before anything else looks at it. */
sealed interface Verdict {

    /** Refused with this status and one line saying what to do. */
    record Refuse(int status, String message) implements Verdict {
    }

    /** A valid token in the query: set the cookie and send the browser to {@code location}, the URL without it. */
    record Enter(String setCookie, String location) implements Verdict {
    }

    /** Through: serve it. */
    record Pass() implements Verdict {
    }
}
