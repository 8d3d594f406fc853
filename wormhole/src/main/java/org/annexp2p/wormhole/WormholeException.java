package org.annexp2p.wormhole;

/** Every way a wormhole can fail; each message is one line fit for a user and never contains a code or key. */
public abstract sealed class WormholeException extends Exception
        permits WrongCodeException, MailboxServerException, MailboxConnectionException, WormholeTimeoutException,
        TransferException, InvalidCodeException, PeerProtocolException {

    protected WormholeException(String message) {
        super(message);
    }

    protected WormholeException(String message, Throwable cause) {
        super(message, cause);
    }
}
