package org.annexp2p.session.plugin;

/** An address that its scheme cannot read; the message is one line for the user (bad usage, exit 2). */
public final class MalformedAddressException extends BadUsageException {
    private static final long serialVersionUID = 1L;

    public MalformedAddressException(String message) {
        super(message);
    }
}
