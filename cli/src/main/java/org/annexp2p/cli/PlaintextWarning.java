package org.annexp2p.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.annexp2p.transports.tcp.TcpAddress;

/** The one line said whenever plaintext {@code tcp://} would carry a token off this machine. */
final class PlaintextWarning {

    private PlaintextWarning() {
    }

    static String forServer(String listen) {
        return "annex-p2p: warning: serving plaintext " + listen
                + ": tokens and data cross the network unencrypted (without tcp://, --listen serves TLS)";
    }

    /** The warning for dialing {@code address} ({@code tcp://HOST:PORT}) whose host is {@code host}, if off loopback. */
    static Optional<String> forClient(String address, InetAddress host) {
        return host.isLoopbackAddress() ? Optional.empty() : Optional.of("annex-p2p: warning: " + address
                + " is plaintext: the token and data cross the network unencrypted (ask for the server's tls:// address)");
    }

    /** Prints {@link #forClient(String, InetAddress)}'s line; an address that does not resolve fails its dial instead. */
    static void forClient(String address) {
        try {
            TcpAddress target = TcpAddress.parse(address.substring("tcp://".length()));
            forClient(address, InetAddress.getByName(target.host())).ifPresent(System.err::println);
        } catch (IllegalArgumentException | UnknownHostException e) {
            // The dial reports this address's problem in its own words.
        }
    }
}
