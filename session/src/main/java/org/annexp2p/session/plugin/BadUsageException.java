package org.annexp2p.session.plugin;

/** Something the user wrote that cannot work (bad usage, exit 2); the message is one line for them. */
public class BadUsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BadUsageException(String message) {
        super(message);
    }
}
