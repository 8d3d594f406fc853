package org.annexp2p.tor;

import java.io.IOException;
import java.util.Objects;

/**
 * Anything that went wrong talking to or running tor. The message is one line for the user: what is wrong
 * and what to do about it. It never carries keys, cookies or passwords.
 */
public final class TorException extends IOException {

    /** What kind of failure, so callers (and tests) can react without parsing messages. */
    public enum Reason {
        /** No {@code tor} executable on PATH. */
        TOR_MISSING,
        /** Nothing answers on the control port or socket. */
        NOT_RUNNING,
        /** Tor refused our credentials (wrong cookie, wrong password, unsupported method). */
        AUTH_REFUSED,
        /** Tor answered a command with an error reply. */
        COMMAND_REFUSED,
        /** A bounded wait ran out. */
        TIMEOUT,
        /** Tor went away while we were using it. */
        DIED,
        /** The onion service descriptor was not uploaded. */
        NO_DESCRIPTOR,
        /** Our own onion could not be reached through SOCKS. */
        UNREACHABLE,
        /** Our configuration (options, files, key file) is unusable. */
        BAD_CONFIG,
        /** Another process holds what we need (a launched tor's state directory). */
        IN_USE
    }

    private final Reason reason;

    public TorException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason);
    }

    public TorException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason);
    }

    public Reason reason() {
        return reason;
    }
}
