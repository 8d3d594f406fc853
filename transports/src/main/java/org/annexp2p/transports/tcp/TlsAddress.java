package org.annexp2p.transports.tcp;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a TLS server is and which key it must present: {@code tls://HOST:PORT/PIN}, e.g.
 * {@code tls://192.168.1.20:4242/q3Gz...} or {@code tls://[::1]:4242/q3Gz...}. The pin makes the address enough to
 * reach the server safely: no certificate authority and no host name are trusted, only that key (see
 * {@link KeyPin}). Printed by {@code annex-p2p serve}; pasted into {@code --address}.
 */
public record TlsAddress(TcpAddress endpoint, KeyPin pin) {

    public static final String SCHEME = "tls://";

    /** Host names and IPv4 literals; IPv6 literals (a zone allowed) go in brackets. Nothing that could hide a '/'. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+(%[A-Za-z0-9_.-]+)?");

    public TlsAddress {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(pin, "pin");
        if (!(endpoint.host().indexOf(':') >= 0 ? IPV6 : NAME).matcher(endpoint.host()).matches()) {
            throw new IllegalArgumentException("a tls:// address cannot have the host " + TcpAddress.shown(endpoint.host()));
        }
    }

    /**
     * Parses {@code tls://HOST:PORT/PIN}.
     *
     * @throws IllegalArgumentException with one line saying what is wrong, the pin's absence included
     */
    public static TlsAddress parse(String text) {
        Objects.requireNonNull(text, "text");
        if (!text.startsWith(SCHEME)) {
            throw invalid(text, "it does not start with " + SCHEME);
        }
        String rest = text.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        if (slash < 0 || slash == rest.length() - 1) {
            throw invalid(text, "the server's key pin is missing: expected tls://HOST:PORT/PIN as `annex-p2p serve` prints it");
        }
        TcpAddress endpoint;
        try {
            endpoint = TcpAddress.parse(rest.substring(0, slash));
        } catch (IllegalArgumentException e) {
            throw invalid(text, "expected tls://HOST:PORT/PIN (IPv6 as [addr]:PORT)");
        }
        KeyPin pin;
        try {
            pin = KeyPin.parse(rest.substring(slash + 1));
        } catch (IllegalArgumentException e) {
            throw invalid(text, e.getMessage());
        }
        TlsAddress address;
        try {
            address = new TlsAddress(endpoint, pin);
        } catch (IllegalArgumentException e) {
            throw invalid(text, "expected tls://HOST:PORT/PIN with a host name or IP address as HOST");
        }
        // One spelling per address, so that addresses compare as text: the port without leading zeros.
        if (!address.toString().equals(text)) {
            throw invalid(text, "write the port without leading zeros");
        }
        return address;
    }

    /** The listening form, {@code HOST:PORT} or {@code tls://HOST:PORT}: a server knows its own key. */
    static TcpAddress parseListen(String text) {
        String rest = text.startsWith(SCHEME) ? text.substring(SCHEME.length()) : text;
        if (rest.indexOf('/') >= 0) {
            throw new IllegalArgumentException("invalid TLS listen address '" + TcpAddress.shown(text)
                    + "': a server listens on tls://HOST:PORT (its key is its own; only clients give a pin)");
        }
        return TcpAddress.parse(rest);
    }

    @Override
    public String toString() {
        return SCHEME + endpoint + "/" + pin;
    }

    private static IllegalArgumentException invalid(String text, String why) {
        return new IllegalArgumentException("invalid TLS address '" + TcpAddress.shown(text) + "': " + why);
    }
}
