package org.annexp2p.wormhole;

/** The mailbox server could not be reached, or the connection to it broke. */
public final class MailboxConnectionException extends WormholeException {

    public MailboxConnectionException(String message) {
        super(message);
    }

    public MailboxConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
