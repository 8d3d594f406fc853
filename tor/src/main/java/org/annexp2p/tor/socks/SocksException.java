package org.annexp2p.tor.socks;

import java.io.IOException;

/** Dialing through tor's SOCKS port failed; {@link #replyCode()} is the SOCKS reply code, or -1 if none came. */
public final class SocksException extends IOException {

    private final int replyCode;
    private final boolean torUnusable;

    public SocksException(int replyCode, String message) {
        this(replyCode, message, false);
    }

    private SocksException(int replyCode, String message, boolean torUnusable) {
        super(message);
        this.replyCode = replyCode;
        this.torUnusable = torUnusable;
    }

    /** Tor's SOCKS port itself refused or is no SOCKS port: no retry can help until tor runs there. */
    static SocksException torUnusable(String message) {
        return new SocksException(-1, message, true);
    }

    /** Whether tor itself could not be used (as opposed to tor failing to reach the onion, which may pass). */
    public boolean torUnusable() {
        return torUnusable;
    }

    public int replyCode() {
        return replyCode;
    }
}
