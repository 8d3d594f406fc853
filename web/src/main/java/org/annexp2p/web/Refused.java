package org.annexp2p.web;

/**
 * A request an endpoint will not serve, with the HTTP status and one line for the person that says what to do
 * next; the page shows it as it is.
 */
public final class Refused extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;

    public Refused(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
