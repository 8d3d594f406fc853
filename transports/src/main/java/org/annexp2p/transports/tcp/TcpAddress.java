package org.annexp2p.transports.tcp;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A TCP endpoint as users write it: {@code host:port}, {@code [ipv6]:port}, optionally prefixed {@code tcp://}.
 * Host names are kept as given; they are resolved only when dialing.
 */
public record TcpAddress(String host, int port) {

    public TcpAddress {
        Objects.requireNonNull(host, "host");
        if (host.isEmpty()) {
            throw new IllegalArgumentException("TCP address has an empty host");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("TCP port out of range (0-65535): " + port);
        }
    }

    /**
     * Parses {@code host:port}, {@code [v6]:port} or {@code tcp://host:port}.
     *
     * @throws IllegalArgumentException with a one-line message naming the problem
     */
    public static TcpAddress parse(String text) {
        Objects.requireNonNull(text, "text");
        String s = text.startsWith("tcp://") ? text.substring("tcp://".length()) : text;
        String host;
        String portText;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0 || close + 1 >= s.length() || s.charAt(close + 1) != ':') {
                throw new IllegalArgumentException("invalid TCP address '" + shown(text) + "': expected [ipv6]:port");
            }
            host = s.substring(1, close);
            portText = s.substring(close + 2);
        } else {
            int colon = s.lastIndexOf(':');
            if (colon < 0 || s.indexOf(':') != colon) {
                throw new IllegalArgumentException("invalid TCP address '" + shown(text) + "': expected host:port (IPv6 as [addr]:port)");
            }
            host = s.substring(0, colon);
            portText = s.substring(colon + 1);
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("invalid TCP address '" + shown(text) + "': missing host");
        }
        if (portText.isEmpty() || portText.length() > 5 || !portText.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("invalid TCP address '" + shown(text) + "': port must be a number 0-65535");
        }
        int port = Integer.parseInt(portText);
        if (port > 65_535) {
            throw new IllegalArgumentException("invalid TCP address '" + shown(text) + "': port must be a number 0-65535");
        }
        return new TcpAddress(host, port);
    }

    /** The user's text for an error message: one line, printable, bounded. */
    static String shown(String text) {
        StringBuilder sb = new StringBuilder();
        text.codePoints().limit(100).forEach(c -> {
            if (c < 0x20 || c == 0x7f || !Character.isDefined(c) || Character.getType(c) == Character.LINE_SEPARATOR
                    || Character.getType(c) == Character.PARAGRAPH_SEPARATOR) {
                sb.append(String.format("\\u%04x", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return text.codePointCount(0, text.length()) > 100 ? sb + "..." : sb.toString();
    }

    static TcpAddress of(InetSocketAddress socketAddress) {
        return new TcpAddress(socketAddress.getAddress().getHostAddress(), socketAddress.getPort());
    }

    /** Back in the textual form {@link #parse} accepts; IPv6 hosts get brackets. */
    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
