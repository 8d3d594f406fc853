package org.annexp2p.cli;

/** The one line said whenever plaintext {@code tcp://} would carry a token off this machine (the plugins decide when). */
final class PlaintextWarning {

    private PlaintextWarning() {
    }

    static String forServer(String listen) {
        return "annex-p2p: warning: serving plaintext " + listen
                + ": tokens and data cross the network unencrypted (without tcp://, --listen serves TLS)";
    }

    /** The warning for dialing {@code address} ({@code tcp://HOST:PORT}) off loopback. */
    static String forClient(String address) {
        return "annex-p2p: warning: " + address
                + " is plaintext: the token and data cross the network unencrypted (ask for the server's tls:// address)";
    }
}
