package org.annexp2p.tor.socks;

import java.io.IOException;

/** Dialing through tor's SOCKS port failed; {@link #replyCode()} is the SOCKS reply code, or -1 if none came. */
public final class SocksException extends IOException {

    private final int replyCode;

    public SocksException(int replyCode, String message) {
        super(message);
        this.replyCode = replyCode;
    }

    public int replyCode() {
        return replyCode;
    }
}
