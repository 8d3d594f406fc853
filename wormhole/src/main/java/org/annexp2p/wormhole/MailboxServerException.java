package org.annexp2p.wormhole;

/** The mailbox server answered a command with an {@code error} message, or its welcome carried one. */
public final class MailboxServerException extends WormholeException {

    private final String error;
    private final String command;

    public MailboxServerException(String error, String command) {
        super(describe(error, command));
        this.error = error;
        this.command = command;
    }

    /** The server's exact error string, e.g. {@code crowded}. */
    public String error() {
        return error;
    }

    /** The type of the command the server rejected, or {@code welcome}. */
    public String command() {
        return command;
    }

    public boolean crowded() {
        return "crowded".equals(error);
    }

    private static String describe(String error, String command) {
        if ("crowded".equals(error)) {
            return "mailbox server says the nameplate is crowded: someone else is already using this code"
                    + " (server error \"crowded\")";
        }
        if ("welcome".equals(command)) {
            return "mailbox server refused us: " + error;
        }
        return "mailbox server rejected " + command + ": \"" + error + "\"";
    }
}
