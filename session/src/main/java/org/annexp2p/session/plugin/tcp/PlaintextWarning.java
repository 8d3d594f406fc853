package org.annexp2p.session.plugin.tcp;

/** The one line said whenever plaintext {@code tcp://} or {@code annex+http://} would carry secrets off this machine (the plugins decide when). */
public final class PlaintextWarning {

    private PlaintextWarning() {
    }

    public static String forServer(String listen) {
        return "annex-p2p: warning: serving plaintext " + listen
                + ": tokens and data cross the network unencrypted (without tcp://, --listen serves TLS)";
    }

    /** The warning for dialing {@code address} ({@code tcp://HOST:PORT} or {@code annex+http://…}) off loopback. */
    public static String forClient(String address) {
        if (address.startsWith("annex+http://")) {
            return "annex-p2p: warning: " + address + " is plaintext: credentials and data cross the network "
                    + "unencrypted (use annex+https:// if the server offers it)";
        }
        return "annex-p2p: warning: " + address
                + " is plaintext: the token and data cross the network unencrypted (ask for the server's tls:// address)";
    }
}
